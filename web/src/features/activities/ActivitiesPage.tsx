import { useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Collapse, Empty, List, Modal, Segmented, Space, Table, Tag, Typography } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@apollo/client/react';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CommunityActivitiesQuery as ActivitiesData, CommunityActivityKind } from '../../gql/graphql';
import {
  AgendaSuggestionsQuery, CommunityActivitiesQuery, CreateCommunityActivityMutation, MatterOptionsQuery, RecordCommunityActivityMutation,
  UpdateCommunityActivityMutation,
} from '../../graphql/lifecycle.operations';
import { OrganizationsQuery } from '../../graphql/operations';
import { formatDateTime } from '../../i18n';
import { useActivity } from '../../live/LiveProvider';
import { useViewer } from '../../session/viewer';
import { errorCode, errorMessage } from '../../ui/errors';
import { StatusTag } from '../../ui/labels';
import { agendaSuggestionTitle } from './agenda';
import { canRunActivities } from '../sessions/lifecycle';
import { ACTIVITY_KINDS, ActivityForm, RecordActivityForm, type ActivityValues, type RecordActivityValues } from './ActivityForms';

type Activity = ActivitiesData['communityActivities'][number];
const KIND_COLOR: Record<CommunityActivityKind, string> = { LAW_EXPLANATION: 'geekblue', DELIBERATION: 'purple', PUBLICITY: 'cyan' };

/** 社区活动: 以案释法, 定期议事 (with an agenda built from open matters) and 普法宣传. */
export function ActivitiesPage() {
  const { t } = useTranslation();
  const viewer = useViewer();
  const { message } = App.useApp();
  const [kind, setKind] = useState<CommunityActivityKind | 'ALL'>('ALL');
  const activities = useQuery(CommunityActivitiesQuery, { variables: { kind: kind === 'ALL' ? undefined : kind } });
  const organizations = useQuery(OrganizationsQuery);
  const matters = useQuery(MatterOptionsQuery);
  useActivity((event) => {
    if (event.type.startsWith('COMMUNITY_ACTIVITY') || event.type === 'DELIBERATION_DECISION_LINKED') void activities.refetch();
  });
  const [create, createState] = useMutation(CreateCommunityActivityMutation, { refetchQueries: [CommunityActivitiesQuery] });
  const [record, recordState] = useMutation(RecordCommunityActivityMutation, { refetchQueries: [CommunityActivitiesQuery, AgendaSuggestionsQuery] });
  const [creating, setCreating] = useState<Partial<ActivityValues> | null>(null);
  const [recording, setRecording] = useState<Activity | null>(null);
  const [update, updateState] = useMutation(UpdateCommunityActivityMutation, { refetchQueries: [CommunityActivitiesQuery] });
  const [editing, setEditing] = useState<Activity | null>(null);
  const editable = canRunActivities(viewer);
  // Changing a planned activity is the coordinator's (the api checks again).
  const canEdit = viewer.role === 'COORDINATOR';
  const matterOptions = (matters.data?.matters.edges ?? []).map(({ node }) => ({ value: node.id, label: `${node.reference} ${node.title}` }));

  async function submitCreate(values: ActivityValues) {
    try {
      await create({ variables: { input: values } });
      message.success(t('lifecycle.activities.created'));
      setCreating(null);
    } catch (e) {
      message.error(t('app.error', { message: errorMessage(e) }));
    }
  }

  async function submitUpdate(values: ActivityValues) {
    if (!editing) return;
    try {
      await update({ variables: { input: { activityId: editing.id, ...values } } });
      message.success(t('lifecycle.activities.updated'));
      setEditing(null);
    } catch (e) {
      const known: Record<string, string> = {
        CONFLICT: 'lifecycle.activities.editHeld',
        NOT_FOUND: 'lifecycle.activities.editGone',
        FORBIDDEN: 'lifecycle.activities.editForbidden',
      };
      const code = errorCode(e);
      message.error(code && known[code] ? t(known[code]) : t('app.error', { message: errorMessage(e) }));
      // Held or gone in the meantime: show the list as it is now.
      if (code === 'CONFLICT' || code === 'NOT_FOUND') {
        setEditing(null);
        void activities.refetch();
      }
    }
  }

  async function submitRecord(values: RecordActivityValues) {
    if (!recording) return;
    try {
      await record({ variables: { input: { activityId: recording.id, ...values } } });
      message.success(t('lifecycle.activities.recorded'));
      setRecording(null);
    } catch (e) {
      message.error(t('app.error', { message: errorMessage(e) }));
    }
  }

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle" data-testid="activities">
      {editable && <AgendaBuilder onBuild={(initial) => setCreating(initial)} />}
      <Card
        title={t('lifecycle.activities.title')}
        extra={
          <Space wrap>
            <Segmented
              value={kind}
              onChange={(value) => setKind(value as CommunityActivityKind | 'ALL')}
              options={[
                { value: 'ALL', label: t('lifecycle.activities.all') },
                ...ACTIVITY_KINDS.map((value) => ({ value, label: t(`lifecycle.enums.CommunityActivityKind.${value}`) })),
              ]}
              data-testid="activity-filter"
            />
            {editable && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating({})} data-testid="activity-create">
                {t('lifecycle.activities.create')}
              </Button>
            )}
          </Space>
        }
      >
        {activities.error && <Alert type="error" title={errorMessage(activities.error)} />}
        <Table<Activity>
          rowKey="id"
          size="small"
          loading={activities.loading && !activities.data}
          dataSource={activities.data?.communityActivities ?? []}
          scroll={{ x: 900 }}
          locale={{ emptyText: t('lifecycle.activities.empty') }}
          onRow={(a) => ({ 'data-testid': 'activity-row', 'data-kind': a.kind, 'data-held': String(a.held) }) as React.HTMLAttributes<HTMLElement>}
          expandable={{ expandedRowRender: (a) => <ActivityDetail activity={a} />, rowExpandable: (a) => Boolean(a.agenda || a.minutes || a.decisions.length || a.matters.length) }}
          columns={[
            { title: t('lifecycle.activities.kind'), dataIndex: 'kind', width: 110, render: (v: CommunityActivityKind) => <Tag color={KIND_COLOR[v]}>{t(`lifecycle.enums.CommunityActivityKind.${v}`)}</Tag> },
            { title: t('lifecycle.activities.name'), dataIndex: 'title' },
            { title: t('lifecycle.activities.heldAt'), dataIndex: 'heldAt', width: 190, render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(v)}</span> },
            { title: t('lifecycle.activities.venue'), dataIndex: 'venue', width: 120 },
            {
              title: t('lifecycle.activities.host'),
              key: 'orgs',
              render: (_, a) => (
                <span>
                  {a.hostOrganization.name}
                  {a.partnerOrganizations.length > 0 && <Typography.Text type="secondary"> · {a.partnerOrganizations.map((o) => o.name).join('、')}</Typography.Text>}
                </span>
              ),
            },
            { title: t('lifecycle.activities.attendance'), dataIndex: 'attendance', width: 90, align: 'right', render: (v: number | null) => v ?? '—' },
            {
              title: '',
              key: 'state',
              width: 230,
              render: (_, a) =>
                a.held ? (
                  <Tag color="green">{t('lifecycle.activities.held')}</Tag>
                ) : (
                  <Space>
                    <Tag>{t('lifecycle.activities.planned')}</Tag>
                    {canEdit && (
                      <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(a)} data-testid="activity-edit">{t('lifecycle.activities.edit')}</Button>
                    )}
                    {/* Recorded once it has taken place (the api allows an hour early). */}
                    {editable && dayjs(a.heldAt).isBefore(dayjs().add(1, 'hour')) && (
                      <Button size="small" onClick={() => setRecording(a)} data-testid="activity-record">{t('lifecycle.activities.record')}</Button>
                    )}
                  </Space>
                ),
            },
          ]}
        />
      </Card>
      <Modal open={creating !== null} title={t('lifecycle.activities.create')} footer={null} onCancel={() => setCreating(null)} destroyOnHidden width={720}>
        {creating !== null && organizations.data && (
          <ActivityForm
            organizations={organizations.data.organizations}
            matters={matterOptions}
            initial={creating}
            onSubmit={submitCreate}
            submitting={createState.loading}
          />
        )}
      </Modal>
      <Modal
        open={editing !== null}
        title={editing ? t('lifecycle.activities.editTitle', { title: editing.title }) : ''}
        footer={null}
        onCancel={() => setEditing(null)}
        destroyOnHidden
        width={720}
      >
        {editing && organizations.data && (
          <ActivityForm
            mode="edit"
            organizations={organizations.data.organizations}
            matters={withOptions(matterOptions, editing.matters.map((m) => ({ value: m.id, label: `${m.reference} ${m.title}` })))}
            initial={{
              kind: editing.kind,
              title: editing.title,
              heldAt: editing.heldAt,
              venue: editing.venue,
              agenda: editing.agenda ?? undefined,
              hostOrganizationId: editing.hostOrganization.id,
              partnerOrganizationIds: editing.partnerOrganizations.map((o) => o.id),
              matterIds: editing.matters.map((m) => m.id),
            }}
            onSubmit={submitUpdate}
            submitting={updateState.loading}
          />
        )}
      </Modal>
      <Modal
        open={recording !== null}
        title={recording ? t('lifecycle.activities.recordTitle', { title: recording.title }) : ''}
        footer={null}
        onCancel={() => setRecording(null)}
        destroyOnHidden
        width={720}
      >
        {recording && (
          <RecordActivityForm
            matters={recording.matters.length ? recording.matters.map((m) => ({ value: m.id, label: `${m.reference} ${m.title}` })) : matterOptions}
            onSubmit={submitRecord}
            submitting={recordState.loading}
          />
        )}
      </Modal>
    </Space>
  );
}

/** The options, plus those of `extra` not among them (an activity's matters beyond the first page). */
function withOptions(options: { value: string; label: string }[], extra: { value: string; label: string }[]) {
  const known = new Set(options.map((o) => o.value));
  return [...options, ...extra.filter((o) => !known.has(o.value))];
}

function ActivityDetail({ activity }: { activity: Activity }) {
  const { t } = useTranslation();
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {activity.agenda && <div><Typography.Text strong>{t('lifecycle.activities.agenda')}{t('app.colon')}</Typography.Text><Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{activity.agenda}</Typography.Paragraph></div>}
      {activity.matters.length > 0 && (
        <div>
          <Typography.Text strong>{t('lifecycle.activities.matters')}{t('app.colon')}</Typography.Text>
          {activity.matters.map((m) => <Tag key={m.id}><Link to={`/matters/${m.id}`}>{m.reference}</Link> {m.title}</Tag>)}
        </div>
      )}
      {activity.minutes && <div><Typography.Text strong>{t('lifecycle.activities.minutes')}{t('app.colon')}</Typography.Text><Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{activity.minutes}</Typography.Paragraph></div>}
      {activity.decisions.length > 0 && (
        <div>
          <Typography.Text strong>{t('lifecycle.activities.decisions')}{t('app.colon')}</Typography.Text>
          <ol style={{ margin: 0 }}>
            {activity.decisions.map((d) => (
              <li key={d.id}>
                {d.text} {d.matters.map((m) => <Link key={m.id} to={`/matters/${m.id}`} style={{ marginLeft: 8 }}>{m.reference}</Link>)}
              </li>
            ))}
          </ol>
        </div>
      )}
    </Space>
  );
}

/** 议题建议: tick groups of open/recurring matters, then plan a 定期议事 with them as its agenda. */
export function AgendaBuilder({ onBuild }: { onBuild(initial: Partial<ActivityValues>): void }) {
  const { t } = useTranslation();
  const { data, loading } = useQuery(AgendaSuggestionsQuery);
  const [selected, setSelected] = useState<string[]>([]);
  const suggestions = data?.deliberationAgendaSuggestions ?? [];
  const keyOf = (s: (typeof suggestions)[number]) => `${s.grouping}:${s.key}`;

  function build() {
    const chosen = suggestions.filter((s) => selected.includes(keyOf(s)));
    const matterIds = [...new Set(chosen.flatMap((s) => s.matters.map((m) => m.id)))];
    const agenda = chosen
      .map((s, i) => t('lifecycle.activities.agendaLine', { index: i + 1, label: agendaSuggestionTitle(t, s), references: s.matters.map((m) => m.reference).join(t('lifecycle.activities.referenceSeparator')) }))
      .join('\n');
    onBuild({ kind: 'DELIBERATION', title: t('lifecycle.activities.defaultDeliberationTitle'), venue: t('lifecycle.session.venues.hall').split(' (')[0], agenda, matterIds });
  }

  return (
    <Card
      title={t('lifecycle.activities.agendaBuilder')}
      // Only the first load shows a skeleton: a refetch after a live event keeps the list (and
      // the boxes being ticked) on screen instead of blanking it under the person's cursor.
      loading={loading && !data}
      data-testid="agenda-builder"
      extra={<Button type="primary" disabled={selected.length === 0} onClick={build} data-testid="build-agenda">{t('lifecycle.activities.buildAgenda')}</Button>}
    >
      <Typography.Paragraph type="secondary">{t('lifecycle.activities.agendaBuilderHint')}</Typography.Paragraph>
      {suggestions.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('lifecycle.activities.suggestionsEmpty')} />
      ) : (
        <Checkbox.Group value={selected} onChange={(v) => setSelected(v as string[])} style={{ width: '100%' }}>
          <Collapse
            style={{ width: '100%' }}
            size="small"
            // Only the arrow opens a group: the box beside the title ticks it, and a button may not
            // hold another control (WCAG 4.1.2).
            collapsible="icon"
            items={suggestions.map((s) => ({
              key: keyOf(s),
              label: (
                <Space wrap onClick={(e) => e.stopPropagation()}>
                  <Checkbox value={keyOf(s)} aria-label={t('a11y.agendaPick', { title: agendaSuggestionTitle(t, s) })} data-testid="agenda-suggestion" />
                  <Tag>{t(`lifecycle.enums.AgendaGrouping.${s.grouping}`)}</Tag>
                  <span data-testid="agenda-suggestion-title">{agendaSuggestionTitle(t, s)}</span>
                  <Typography.Text type="secondary">{t('lifecycle.activities.openCount', { count: s.openCount })}</Typography.Text>
                </Space>
              ),
              children: (
                <List
                  size="small"
                  dataSource={s.matters}
                  renderItem={(m) => (
                    <List.Item>
                      <Space wrap>
                        <Link to={`/matters/${m.id}`}>{m.reference}</Link>
                        <span>{m.title}</span>
                        <StatusTag status={m.status} />
                      </Space>
                    </List.Item>
                  )}
                />
              ),
            }))}
          />
        </Checkbox.Group>
      )}
    </Card>
  );
}
