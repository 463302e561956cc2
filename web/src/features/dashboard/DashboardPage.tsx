import { useState } from 'react';
import { Alert, App, Button, Card, Col, DatePicker, Empty, Row, Select, Space, Spin, Statistic, Table, Typography } from 'antd';
import { DownloadOutlined, FileExcelOutlined } from '@ant-design/icons';
import { Column, Pie } from '@ant-design/plots';
import { useApolloClient, useQuery } from '@apollo/client/react';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CommunityStatsQuery as CommunityStatsData, ExportFormat } from '../../gql/graphql';
import { CommunityOptionsQuery, CommunityStatsQuery, ExportCommunityStatsQuery, ExportMattersQuery } from '../../graphql/lifecycle.operations';
import { formatDateTime } from '../../i18n';
import { useActivity } from '../../live/LiveProvider';
import { useViewer } from '../../session/viewer';
import { errorMessage } from '../../ui/errors';
import { StatusTag, useEnumLabel } from '../../ui/labels';
import { downloadBase64 } from './download';
import { OverdueCard } from './OverdueCard';

type Stats = CommunityStatsData['communityStats'];
type Agency = Stats['agencies'][number];

const CHART_HEIGHT = 260;

interface StatsVariables {
  communityId?: string;
  from?: string;
  to?: string;
}

/**
 * 晴雨表: the community's figures over a period, with charts and CSV/Excel exports. Staff see
 * their own community; an admin — a deployment may serve many — picks one (their own first).
 */
export function DashboardPage() {
  const { t } = useTranslation();
  const viewer = useViewer();
  const isAdmin = viewer.role === 'ADMIN';
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null);
  const [communityId, setCommunityId] = useState<string | undefined>(isAdmin ? (viewer.organization.community?.id ?? undefined) : undefined);
  const variables: StatsVariables = {
    ...(communityId ? { communityId } : {}),
    ...(range ? { from: range[0].startOf('day').toISOString(), to: range[1].endOf('day').toISOString() } : {}),
  };
  const { data, loading, error, refetch } = useQuery(CommunityStatsQuery, { variables });
  // Figures move with every status change; refresh them as events come in.
  useActivity((event) => {
    if (event.type === 'MATTER_REPORTED' || event.type === 'MATTER_STATUS_CHANGED' || event.type === 'COMMUNITY_ACTIVITY_RECORDED') void refetch();
  });
  const stats = data?.communityStats;

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle" data-testid="dashboard">
      <Card
        title={t('lifecycle.dashboard.title')}
        extra={
          <Space wrap>
            {isAdmin && <CommunityPicker value={communityId} onChange={setCommunityId} />}
            <Typography.Text type="secondary">{t('lifecycle.dashboard.range')}</Typography.Text>
            <DatePicker.RangePicker
              value={range}
              onChange={(value) => setRange(value && value[0] && value[1] ? [value[0], value[1]] : null)}
              data-testid="dashboard-range"
            />
            <ExportButtons variables={variables} />
          </Space>
        }
      >
        {error && <Alert type="error" title={errorMessage(error)} />}
        {!stats ? loading ? <Spin /> : null : <Figures stats={stats} />}
      </Card>
      <OverdueCard communityId={communityId} />
      {stats && <Charts stats={stats} />}
      {stats && <Agencies agencies={stats.agencies} />}
      {stats && <MajorMatters stats={stats} />}
    </Space>
  );
}

/** ADMIN: whose figures to show. Changing it reloads every card of the page for that community. */
function CommunityPicker({ value, onChange }: { value: string | undefined; onChange(id: string): void }) {
  const { t } = useTranslation();
  const { data, loading } = useQuery(CommunityOptionsQuery);
  return (
    <Space>
      <Typography.Text type="secondary">{t('lifecycle.dashboard.community')}</Typography.Text>
      <Select
        showSearch={{ optionFilterProp: 'label' }}
        loading={loading}
        style={{ minWidth: 200 }}
        value={value}
        onChange={onChange}
        options={(data?.communities ?? []).map((c) => ({ value: c.id, label: `${c.name}（${c.code}）` }))}
        data-testid="dashboard-community"
      />
    </Space>
  );
}

function ExportButtons({ variables }: { variables: StatsVariables }) {
  const { t, i18n } = useTranslation();
  // The file speaks the reader's language, with the console's own labels.
  const language = i18n.language === 'en' ? 'EN' : 'ZH_CN';
  const client = useApolloClient();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);

  async function run(kind: 'matters' | 'stats', format: ExportFormat) {
    setBusy(`${kind}-${format}`);
    try {
      const file =
        kind === 'matters'
          ? (
              await client.query({
                query: ExportMattersQuery,
                variables: { format, language, filter: variables.communityId ? { communityId: variables.communityId } : undefined },
                fetchPolicy: 'network-only',
              })
            ).data?.exportMatters
          : (await client.query({ query: ExportCommunityStatsQuery, variables: { format, language, ...variables }, fetchPolicy: 'network-only' })).data
              ?.exportCommunityStats;
      if (file) {
        downloadBase64(file);
        message.success(t('lifecycle.dashboard.exported', { file: file.filename }));
      }
    } catch (e) {
      message.error(t('app.error', { message: errorMessage(e) }));
    } finally {
      setBusy(null);
    }
  }

  return (
    <Space.Compact>
      <Button icon={<DownloadOutlined />} loading={busy === 'matters-CSV'} onClick={() => void run('matters', 'CSV')} data-testid="export-matters-csv">
        {t('lifecycle.dashboard.exportMattersCsv')}
      </Button>
      <Button icon={<FileExcelOutlined />} loading={busy === 'matters-XLSX'} onClick={() => void run('matters', 'XLSX')} data-testid="export-matters-xlsx">
        {t('lifecycle.dashboard.exportMattersXlsx')}
      </Button>
      <Button icon={<FileExcelOutlined />} loading={busy === 'stats-XLSX'} onClick={() => void run('stats', 'XLSX')} data-testid="export-stats-xlsx">
        {t('lifecycle.dashboard.exportStatsXlsx')}
      </Button>
      <Button icon={<DownloadOutlined />} loading={busy === 'stats-CSV'} onClick={() => void run('stats', 'CSV')} data-testid="export-stats-csv">
        {t('lifecycle.dashboard.exportStatsCsv')}
      </Button>
    </Space.Compact>
  );
}

function Figures({ stats }: { stats: Stats }) {
  const { t } = useTranslation();
  const items: { key: string; title: string; value: string | number; testId?: string }[] = [
    { key: 'total', title: t('lifecycle.dashboard.total'), value: stats.total },
    {
      key: 'resolved',
      title: t('lifecycle.dashboard.resolved'),
      // Every total adds up on screen: resolved = demands + disputes + consultations.
      value: `${stats.resolved} = ${t('lifecycle.dashboard.resolvedSum', { demands: stats.demandsSolved, disputes: stats.disputesResolved, consultations: stats.consultationsAnswered })}`,
    },
    { key: 'rate', title: t('lifecycle.dashboard.resolutionRate'), value: `${(stats.resolutionRate * 100).toFixed(1)}%` },
    {
      key: 'median',
      title: t('lifecycle.dashboard.medianDays'),
      value: stats.medianDaysToResolve == null ? '—' : t('lifecycle.dashboard.days', { days: stats.medianDaysToResolve.toFixed(1) }),
    },
    { key: 'demands', title: t('lifecycle.dashboard.demandsSolved'), value: stats.demandsSolved },
    { key: 'disputes', title: t('lifecycle.dashboard.disputesResolved'), value: stats.disputesResolved },
    { key: 'majorDisputes', title: t('lifecycle.dashboard.majorDisputes'), value: stats.majorDisputesResolved },
    { key: 'consultations', title: t('lifecycle.dashboard.consultations'), value: stats.consultationsAnswered },
    { key: 'major', title: t('lifecycle.dashboard.major'), value: stats.major },
    { key: 'law', title: t('lifecycle.dashboard.lawExplanations'), value: t('lifecycle.dashboard.times', { count: stats.lawExplanationEvents }) },
    { key: 'deliberation', title: t('lifecycle.dashboard.deliberations'), value: t('lifecycle.dashboard.times', { count: stats.deliberationMeetings }) },
    { key: 'publicity', title: t('lifecycle.dashboard.publicity'), value: t('lifecycle.dashboard.times', { count: stats.publicityEvents }) },
  ];
  return (
    <Row gutter={[16, 16]} data-testid="dashboard-figures">
      {items.map((item) => (
        <Col key={item.key} xs={12} sm={8} lg={6} xl={4} data-testid={`figure-${item.key}`}>
          <Statistic title={item.title} value={item.value} />
        </Col>
      ))}
    </Row>
  );
}

function ChartCard({ title, testId, empty, children }: { title: string; testId: string; empty: boolean; children: React.ReactNode }) {
  return (
    <Card title={title} size="small" data-testid={testId}>
      {empty ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} style={{ height: CHART_HEIGHT - 40 }} /> : <div style={{ height: CHART_HEIGHT }}>{children}</div>}
    </Card>
  );
}

function Charts({ stats }: { stats: Stats }) {
  const { t } = useTranslation();
  const label = useEnumLabel();
  const byKind = stats.byKind.map((c) => ({ type: label('MatterKind', c.key as never), value: c.count }));
  const byCategory = stats.byCategory.map((c) => ({ type: label('MatterCategory', c.key as never), value: c.count }));
  const byStatus = stats.byStatus.map((c) => ({ type: label('MatterStatus', c.key as never), value: c.count }));
  const months = [...new Set([...stats.byMonth, ...stats.resolvedByMonth].map((c) => c.key))].sort();
  const count = (list: Stats['byMonth'], key: string) => list.find((c) => c.key === key)?.count ?? 0;
  const byMonth = months.flatMap((month) => [
    { month, series: t('lifecycle.dashboard.reported'), value: count(stats.byMonth, month) },
    { month, series: t('lifecycle.dashboard.resolvedSeries'), value: count(stats.resolvedByMonth, month) },
  ]);
  const common = { autoFit: true, height: CHART_HEIGHT };

  return (
    <Row gutter={[16, 16]} data-testid="dashboard-charts">
      <Col xs={24} lg={12}>
        <ChartCard title={t('lifecycle.dashboard.byMonth')} testId="chart-by-month" empty={byMonth.length === 0}>
          <Column {...common} data={byMonth} xField="month" yField="value" colorField="series" group />
        </ChartCard>
      </Col>
      <Col xs={24} lg={12}>
        <ChartCard title={t('lifecycle.dashboard.byKind')} testId="chart-by-kind" empty={byKind.length === 0}>
          <Pie {...common} data={byKind} angleField="value" colorField="type" innerRadius={0.6} label={{ text: 'value', position: 'outside' }} />
        </ChartCard>
      </Col>
      <Col xs={24} lg={12}>
        <ChartCard title={t('lifecycle.dashboard.byCategory')} testId="chart-by-category" empty={byCategory.length === 0}>
          <Column {...common} data={byCategory} xField="type" yField="value" colorField="type" label={{ text: 'value', position: 'inside' }} legend={false} />
        </ChartCard>
      </Col>
      <Col xs={24} lg={12}>
        <ChartCard title={t('lifecycle.dashboard.byStatus')} testId="chart-by-status" empty={byStatus.length === 0}>
          <Column {...common} data={byStatus} xField="type" yField="value" colorField="type" label={{ text: 'value', position: 'inside' }} legend={false} />
        </ChartCard>
      </Col>
    </Row>
  );
}

function Agencies({ agencies }: { agencies: Agency[] }) {
  const { t } = useTranslation();
  const label = useEnumLabel();
  return (
    <Card title={t('lifecycle.dashboard.agencies')} size="small" data-testid="dashboard-agencies">
      <Table<Agency>
        rowKey={(a) => a.organization.id}
        size="small"
        pagination={false}
        dataSource={agencies}
        scroll={{ x: 640 }}
        columns={[
          { title: t('lifecycle.dashboard.agency'), key: 'org', render: (_, a) => `${a.organization.name}（${label('OrganizationKind', a.organization.kind)}）` },
          { title: t('lifecycle.dashboard.invited'), dataIndex: 'invited', align: 'right' },
          { title: t('lifecycle.dashboard.accepted'), dataIndex: 'accepted', align: 'right' },
          { title: t('lifecycle.dashboard.declined'), dataIndex: 'declined', align: 'right' },
          { title: t('lifecycle.dashboard.expired'), dataIndex: 'expired', align: 'right' },
          { title: t('lifecycle.dashboard.pending'), dataIndex: 'pending', align: 'right' },
          {
            title: t('lifecycle.dashboard.medianHours'),
            dataIndex: 'medianAnswerHours',
            align: 'right',
            render: (v: number | null) => (v == null ? '—' : t('lifecycle.dashboard.hours', { hours: v.toFixed(1) })),
          },
        ]}
      />
    </Card>
  );
}

function MajorMatters({ stats }: { stats: Stats }) {
  const { t } = useTranslation();
  const label = useEnumLabel();
  type Major = Stats['majorMatters'][number];
  return (
    <Card title={t('lifecycle.dashboard.majorList')} size="small" data-testid="dashboard-major">
      <Table<Major>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={stats.majorMatters}
        scroll={{ x: 640 }}
        columns={[
          { title: t('list.reference'), dataIndex: 'reference', render: (v: string, m) => <Link to={`/matters/${m.id}`}>{v}</Link> },
          { title: t('list.matterTitle'), dataIndex: 'title' },
          { title: t('list.category'), dataIndex: 'category', render: (v: Major['category']) => label('MatterCategory', v) },
          { title: t('list.status'), dataIndex: 'status', render: (v: Major['status']) => <StatusTag status={v} /> },
          { title: t('list.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
        ]}
      />
    </Card>
  );
}
