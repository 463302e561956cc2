import { useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useApolloClient, useQuery } from '@apollo/client/react';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { AuditTrailQuery, ExportAuditTrailQuery, ExportPiiAccessLogQuery, PiiAccessLogQuery } from '../../graphql/audit.operations';
import type { AuditTrailFilter, EventType, ExportFormat, PiiAccessLogFilter, PiiAccessVia } from '../../gql/graphql';
import { formatDateTimeShort } from '../../i18n';
import { errorMessage } from '../../ui/errors';
import { useEnumLabel } from '../../ui/labels';
import { downloadBase64 } from '../dashboard/download';

const PAGE = 50;
const VIAS: PiiAccessVia[] = ['QUERY', 'PUSH', 'EXPORT', 'PRINT', 'DOWNLOAD'];
const VIA_COLOR: Record<PiiAccessVia, string> = { QUERY: 'blue', PUSH: 'purple', EXPORT: 'orange', PRINT: 'green', DOWNLOAD: 'gold' };
export const ADMIN_CHANGE_TYPES: EventType[] = [
  'USER_CREATED', 'USER_DEACTIVATED', 'USER_REACTIVATED', 'USER_PASSWORD_RESET', 'USER_TWO_FACTOR_RESET',
  'COMMUNITY_CREATED', 'COMMUNITY_UPDATED', 'ORGANIZATION_CREATED', 'ORGANIZATION_UPDATED',
  'ROUTING_RULE_CREATED', 'ROUTING_RULE_UPDATED', 'ROUTING_RULE_DELETED', 'EVENTS_EXPIRED',
];

type Range = [Dayjs | null, Dayjs | null] | null;

/** Pages through a newest-first list by cursor: the cursors of the pages before this one. */
function useCursorPages() {
  const [stack, setStack] = useState<(string | null)[]>([null]);
  return {
    after: stack[stack.length - 1],
    page: stack.length,
    next: (cursor: string | null | undefined) => cursor && setStack((s) => [...s, cursor]),
    previous: () => setStack((s) => (s.length > 1 ? s.slice(0, -1) : s)),
    reset: () => setStack([null]),
  };
}

function rangeFilter(range: Range): { from?: string; to?: string } {
  return {
    from: range?.[0] ? range[0].startOf('day').toISOString() : undefined,
    to: range?.[1] ? range[1].add(1, 'day').startOf('day').toISOString() : undefined,
  };
}

function ExportButtons({ onExport, testid }: { onExport: (format: ExportFormat) => Promise<void>; testid: string }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const run = async (format: ExportFormat) => {
    setBusy(format);
    try {
      await onExport(format);
    } finally {
      setBusy(null);
    }
  };
  return (
    <Space>
      <Button icon={<DownloadOutlined />} loading={busy === 'CSV'} onClick={() => void run('CSV')} data-testid={`${testid}-export-csv`}>
        {t('audit.export.csv')}
      </Button>
      <Button icon={<DownloadOutlined />} loading={busy === 'XLSX'} onClick={() => void run('XLSX')} data-testid={`${testid}-export-xlsx`}>
        {t('audit.export.xlsx')}
      </Button>
    </Space>
  );
}

function Pager({ page, hasNext, onPrevious, onNext }: { page: number; hasNext: boolean; onPrevious: () => void; onNext: () => void }) {
  const { t } = useTranslation();
  return (
    <Space>
      <Button disabled={page <= 1} onClick={onPrevious} data-testid="audit-previous">{t('audit.previous')}</Button>
      <Button disabled={!hasNext} onClick={onNext} data-testid="audit-next">{t('audit.next')}</Button>
    </Space>
  );
}

/** 个人信息访问: who read which party's phone or ID number unmasked, when, and by which path. */
function PiiAccessTab() {
  const { t } = useTranslation();
  const client = useApolloClient();
  const { message } = App.useApp();
  const [range, setRange] = useState<Range>(null);
  const [via, setVia] = useState<PiiAccessVia[]>([]);
  const [user, setUser] = useState<{ id: string; name: string } | null>(null);
  const [matter, setMatter] = useState<{ id: string; name: string } | null>(null);
  const pages = useCursorPages();
  const filter: PiiAccessLogFilter = { ...rangeFilter(range), via: via.length ? via : undefined, userId: user?.id, matterId: matter?.id };
  const { data, loading, error } = useQuery(PiiAccessLogQuery, { variables: { filter, first: PAGE, after: pages.after }, fetchPolicy: 'network-only' });
  const log = data?.piiAccessLog;
  const change = (fn: () => void) => {
    fn();
    pages.reset();
  };

  async function exportAs(format: ExportFormat) {
    try {
      const file = (await client.query({ query: ExportPiiAccessLogQuery, variables: { format, filter }, fetchPolicy: 'network-only' })).data?.exportPiiAccessLog;
      if (file) downloadBase64(file);
    } catch (e) {
      message.error(t('audit.export.failed', { message: errorMessage(e) }));
    }
  }

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Text type="secondary">{t('audit.retention')}</Typography.Text>
      <Space wrap>
        <DatePicker.RangePicker value={range} onChange={(v) => change(() => setRange(v as Range))} placeholder={[t('audit.filters.range'), t('audit.filters.range')]} data-testid="pii-range" />
        <Select
          mode="multiple"
          allowClear
          style={{ minWidth: 200 }}
          placeholder={t('audit.filters.via')}
          value={via}
          onChange={(v) => change(() => setVia(v))}
          options={VIAS.map((value) => ({ value, label: t(`audit.via.${value}`) }))}
          data-testid="pii-via"
        />
        {user && (
          <Tag closable onClose={() => change(() => setUser(null))} data-testid="pii-user-filter">
            {t('audit.filters.user')}: {user.name}
          </Tag>
        )}
        {matter && (
          <Tag closable onClose={() => change(() => setMatter(null))} data-testid="pii-matter-filter">
            {t('audit.filters.matter')}: {matter.name}
          </Tag>
        )}
        <Button onClick={() => change(() => { setRange(null); setVia([]); setUser(null); setMatter(null); })}>{t('audit.filters.clear')}</Button>
        <ExportButtons onExport={exportAs} testid="pii" />
      </Space>
      {error && <Alert type="error" message={t('audit.loadFailed', { message: errorMessage(error) })} />}
      <Table
        rowKey="id"
        size="small"
        loading={loading}
        pagination={false}
        dataSource={log?.entries ?? []}
        locale={{ emptyText: t('audit.empty') }}
        data-testid="pii-log"
        scroll={{ x: 900 }}
        columns={[
          { title: t('audit.columns.at'), dataIndex: 'at', render: (v: string) => formatDateTimeShort(v), width: 160 },
          {
            title: t('audit.columns.user'),
            key: 'user',
            render: (_, e) => (
              <Typography.Link title={t('audit.filters.byThisUser')} onClick={() => change(() => setUser({ id: e.userId, name: e.userDisplayName ?? e.username ?? e.userId }))} data-testid="pii-user">
                {e.userDisplayName ?? '—'} <Typography.Text type="secondary">{e.username}</Typography.Text>
              </Typography.Link>
            ),
          },
          { title: t('audit.columns.organization'), dataIndex: 'organizationName' },
          {
            title: t('audit.columns.matter'),
            key: 'matter',
            render: (_, e) => (
              <Typography.Link title={t('audit.filters.byThisMatter')} onClick={() => change(() => setMatter({ id: e.matterId, name: e.matterReference ?? e.matterId }))}>
                {e.matterReference ?? '—'}
              </Typography.Link>
            ),
          },
          { title: t('audit.columns.party'), dataIndex: 'partyName' },
          { title: t('audit.columns.field'), dataIndex: 'field', render: (v: string) => t(`audit.field.${v}`, { defaultValue: v }) },
          { title: t('audit.columns.via'), dataIndex: 'via', render: (v: PiiAccessVia) => <Tag color={VIA_COLOR[v]} data-testid="pii-via-tag">{t(`audit.via.${v}`)}</Tag> },
          { title: t('audit.columns.ip'), dataIndex: 'ip', render: (v: string | null) => v ?? '—' },
        ]}
      />
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Text type="secondary" data-testid="pii-total">{t('audit.total', { count: log?.totalCount ?? 0 })}</Typography.Text>
        <Pager page={pages.page} hasNext={!!log?.hasNextPage} onPrevious={pages.previous} onNext={() => pages.next(log?.endCursor)} />
      </Space>
    </Space>
  );
}

/** 系统管理变更: users, communities, organizations and routing rules changed, by whom, when. */
function AdminChangesTab() {
  const { t } = useTranslation();
  const label = useEnumLabel();
  const client = useApolloClient();
  const { message } = App.useApp();
  const [range, setRange] = useState<Range>(null);
  const [types, setTypes] = useState<EventType[]>([]);
  const [actor, setActor] = useState<{ id: string; name: string } | null>(null);
  const pages = useCursorPages();
  const filter: AuditTrailFilter = { ...rangeFilter(range), types: types.length ? types : undefined, actorId: actor?.id };
  const { data, loading, error } = useQuery(AuditTrailQuery, { variables: { filter, first: PAGE, after: pages.after }, fetchPolicy: 'network-only' });
  const trail = data?.auditTrail;
  const change = (fn: () => void) => {
    fn();
    pages.reset();
  };

  async function exportAs(format: ExportFormat) {
    try {
      const file = (await client.query({ query: ExportAuditTrailQuery, variables: { format, filter }, fetchPolicy: 'network-only' })).data?.exportAuditTrail;
      if (file) downloadBase64(file);
    } catch (e) {
      message.error(t('audit.export.failed', { message: errorMessage(e) }));
    }
  }

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <DatePicker.RangePicker value={range} onChange={(v) => change(() => setRange(v as Range))} data-testid="trail-range" />
        <Select
          mode="multiple"
          allowClear
          style={{ minWidth: 260 }}
          placeholder={t('audit.filters.types')}
          value={types}
          onChange={(v) => change(() => setTypes(v))}
          options={ADMIN_CHANGE_TYPES.map((value) => ({ value, label: label('EventType', value) }))}
          data-testid="trail-types"
        />
        {actor && (
          <Tag closable onClose={() => change(() => setActor(null))}>
            {t('audit.filters.actor')}: {actor.name}
          </Tag>
        )}
        <Button onClick={() => change(() => { setRange(null); setTypes([]); setActor(null); })}>{t('audit.filters.clear')}</Button>
        <ExportButtons onExport={exportAs} testid="trail" />
      </Space>
      {error && <Alert type="error" message={t('audit.loadFailed', { message: errorMessage(error) })} />}
      <Table
        rowKey="id"
        size="small"
        loading={loading}
        pagination={false}
        dataSource={trail?.entries ?? []}
        locale={{ emptyText: t('audit.empty') }}
        data-testid="trail-log"
        columns={[
          { title: t('audit.columns.at'), dataIndex: 'occurredAt', render: (v: string) => formatDateTimeShort(v), width: 160 },
          { title: t('audit.columns.type'), dataIndex: 'type', render: (v: EventType) => <Tag data-testid="trail-type">{label('EventType', v)}</Tag> },
          {
            title: t('audit.columns.actor'),
            key: 'actor',
            render: (_, e) =>
              e.actorId ? (
                <Typography.Link onClick={() => change(() => setActor({ id: e.actorId!, name: e.actorDisplayName ?? e.actorUsername ?? e.actorId! }))}>
                  {e.actorDisplayName ?? '—'} <Typography.Text type="secondary">{e.actorUsername}</Typography.Text>
                </Typography.Link>
              ) : (
                '—'
              ),
          },
          {
            title: t('audit.columns.details'),
            dataIndex: 'payload',
            render: (p: Record<string, unknown>) => <Typography.Text code style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>{JSON.stringify(p)}</Typography.Text>,
          },
        ]}
      />
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Text type="secondary">{t('audit.total', { count: trail?.totalCount ?? 0 })}</Typography.Text>
        <Pager page={pages.page} hasNext={!!trail?.hasNextPage} onPrevious={pages.previous} onNext={() => pages.next(trail?.endCursor)} />
      </Space>
    </Space>
  );
}

/** 审计日志 for ADMIN and AUDITOR (an auditor's whole console). */
export function AuditPage() {
  const { t } = useTranslation();
  return (
    <Card title={t('audit.title')} data-testid="audit-page">
      <Tabs
        items={[
          { key: 'pii', label: <span data-testid="audit-tab-pii">{t('audit.tabs.pii')}</span>, children: <PiiAccessTab /> },
          { key: 'changes', label: <span data-testid="audit-tab-changes">{t('audit.tabs.changes')}</span>, children: <AdminChangesTab /> },
        ]}
      />
    </Card>
  );
}
