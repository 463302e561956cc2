import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Empty, Result, Row, Space, Spin, Table, Tag, Timeline, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import {
  AssessMatterMutation, MatterDetailQuery, OrganizationsQuery, RequestJointMediationMutation, SuggestOrganizationsQuery,
} from '../../graphql/operations';
import type { MatterDetailQuery as MatterDetailData, RiskFlag } from '../../gql/graphql';
import { formatDateTime } from '../../i18n';
import { useActivity } from '../../live/LiveProvider';
import { canCoordinate, consoleKind, useViewer } from '../../session/viewer';
import { errorCode, errorMessage } from '../../ui/errors';
import { RiskTag, StatusTag, useEnumLabel } from '../../ui/labels';
import { describeEvent } from '../../ui/events';
import { RespondActions } from '../agency/RespondActions';
import { AssignInvitation } from '../agency/AssignInvitation';
import { OpinionsCard } from '../opinions/OpinionsCard';
import { AttachmentsCard } from '../attachments/AttachmentsCard';
import { AssessmentForm, type AssessmentValues } from './AssessmentForm';
import { ConveneForm, type ConveneValues } from './ConveneForm';
import { JointRequests } from './JointRequests';
import { MatterLifecycle } from '../sessions/MatterLifecycle';

type Matter = NonNullable<MatterDetailData['matter']>;

/** Re-renders every 30 s so "time left" stays true without a reload. */
function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

export function MatterDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const viewer = useViewer();
  const now = useNow();
  const { data, loading, error, refetch } = useQuery(MatterDetailQuery, { variables: { id } });

  // Any event about this matter (an agency answering, a status change…) refreshes the page.
  useActivity((event) => {
    if (event.matterId === id) void refetch();
  });

  const matter = data?.matter;
  const home = consoleKind(viewer) === 'agency' ? '/inbox' : '/matters';
  const back = (
    <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => navigate(home)} data-testid="back">
      {t('app.back')}
    </Button>
  );

  if (!matter) {
    if (loading) return <Spin tip={t('app.loading')}><div style={{ minHeight: 200 }} /></Spin>;
    const code = errorCode(error);
    if (error && code !== 'FORBIDDEN' && code !== 'NOT_FOUND') {
      return <Result status="error" title={t('app.error', { message: errorMessage(error) })} extra={back} />;
    }
    return <Result status="403" title={t('app.forbidden')} extra={back} data-testid="matter-forbidden" />;
  }

  const coordinator = consoleKind(viewer) === 'coordinator' && canCoordinate(viewer);
  const agency = consoleKind(viewer) === 'agency';
  const lead = agency && viewer.role === 'AGENCY_LEAD';

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="matter-detail" data-reference={matter.reference}>
      <MatterSummary matter={matter} extra={back} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Space direction="vertical" style={{ width: '100%' }} size="middle">
            <Parties matter={matter} />
            <AssessmentCard matter={matter} editable={coordinator} />
            <Card title={t('detail.jointRequests')} data-testid="joint-requests">
              <JointRequests
                requests={matter.jointRequests}
                now={now}
                renderActions={
                  agency
                    ? (invitation) =>
                        invitation.organization.id === viewer.organization.id ? <RespondActions invitationId={invitation.id} /> : null
                    : undefined
                }
                renderAssign={
                  lead
                    ? (invitation) =>
                        invitation.organization.id === viewer.organization.id && (invitation.status === 'PENDING' || invitation.status === 'ACCEPTED') ? (
                          <AssignInvitation invitationId={invitation.id} assigneeId={invitation.assignee?.id ?? null} />
                        ) : null
                    : undefined
                }
              />
              {coordinator && matter.assessment && ['ASSESSING', 'MEDIATING'].includes(matter.status) && (
                <ConveneCard matter={matter} />
              )}
            </Card>
            <OpinionsCard matter={matter} viewer={viewer} />
            <AttachmentsCard matter={matter} viewer={viewer} />
            <MatterLifecycle matterId={matter.id} category={matter.category} />
          </Space>
        </Col>
        <Col xs={24} xl={10}>
          <MatterTimeline matter={matter} />
        </Col>
      </Row>
    </Space>
  );
}

function MatterSummary({ matter, extra }: { matter: Matter; extra: React.ReactNode }) {
  const { t } = useTranslation();
  const label = useEnumLabel();
  return (
    <Card
      title={
        <Space wrap>
          <span data-testid="matter-reference">{matter.reference}</span>
          <span data-testid="matter-title">{matter.title}</span>
          <StatusTag status={matter.status} />
        </Space>
      }
      extra={extra}
    >
      <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
        <Descriptions.Item label={t('detail.kind')}>{label('MatterKind', matter.kind)}</Descriptions.Item>
        <Descriptions.Item label={t('detail.category')}>{label('MatterCategory', matter.category)}</Descriptions.Item>
        <Descriptions.Item label={t('detail.channel')}>{label('IntakeChannel', matter.channel)}</Descriptions.Item>
        <Descriptions.Item label={t('detail.risk')}><RiskTag risk={matter.riskLevel} /></Descriptions.Item>
        <Descriptions.Item label={t('detail.scale')}>{label('MatterScale', matter.scale)}</Descriptions.Item>
        <Descriptions.Item label={t('detail.location')}>{matter.location ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('detail.amount')}>
          {matter.amountInDispute ? t('detail.yuan', { amount: matter.amountInDispute }) : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('detail.households')}>{matter.householdsAffected ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('detail.community')}>{matter.community.name}</Descriptions.Item>
        <Descriptions.Item label={t('detail.reporter')}>{matter.reporter?.displayName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('detail.createdAt')}>{formatDateTime(matter.createdAt)}</Descriptions.Item>
        <Descriptions.Item label={t('detail.description')} span={3}>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{matter.description}</Typography.Paragraph>
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

function Parties({ matter }: { matter: Matter }) {
  const { t } = useTranslation();
  const label = useEnumLabel();
  return (
    <Card title={t('detail.parties')} data-testid="parties">
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={matter.parties}
        scroll={{ x: 520 }}
        locale={{ emptyText: t('detail.noParties') }}
        columns={[
          { title: t('report.partyName'), dataIndex: 'name' },
          { title: t('report.partyRole'), dataIndex: 'role', render: (v: Matter['parties'][number]['role']) => label('PartyRole', v) },
          { title: t('report.partyPhone'), dataIndex: 'phone', render: (v: string | null) => v ?? '—' },
          {
            title: t('report.partyIdNumber'),
            dataIndex: 'idNumber',
            render: (v: string | null, party) => (
              <Space>
                {v ?? '—'}
                {party.masked && <Tag>{t('detail.masked')}</Tag>}
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}

function AssessmentCard({ matter, editable }: { matter: Matter; editable: boolean }) {
  const { t } = useTranslation();
  const label = useEnumLabel();
  const { message } = App.useApp();
  const assessment = matter.assessment;
  const canAssess = editable && ['REPORTED', 'ASSESSING'].includes(matter.status);
  const [flags, setFlags] = useState<RiskFlag[]>(assessment?.riskFlags ?? []);
  const suggestions = useQuery(SuggestOrganizationsQuery, {
    variables: { matterId: matter.id, riskFlags: flags },
    skip: !canAssess,
  });
  const [assess, { loading }] = useMutation(AssessMatterMutation, { refetchQueries: [MatterDetailQuery] });

  async function submit(values: AssessmentValues) {
    try {
      await assess({ variables: { input: { matterId: matter.id, ...values } } });
      message.success(t('assess.success'));
    } catch (e) {
      message.error(t('app.error', { message: errorMessage(e) }));
    }
  }

  return (
    <Card title={t('detail.assessment')} data-testid="assessment">
      {assessment ? (
        <Descriptions size="small" column={{ xs: 1, sm: 2 }} data-testid="assessment-summary" style={{ marginBottom: canAssess ? 16 : 0 }}>
          <Descriptions.Item label={t('assess.riskLevel')}><RiskTag risk={assessment.riskLevel} /></Descriptions.Item>
          <Descriptions.Item label={t('assess.scale')}>{label('MatterScale', assessment.scale)}</Descriptions.Item>
          <Descriptions.Item label={t('assess.riskFlags')} span={2}>
            {assessment.riskFlags.length ? assessment.riskFlags.map((f) => <Tag key={f} color="red">{label('RiskFlag', f)}</Tag>) : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('assess.summary')} span={2}>{assessment.summary}</Descriptions.Item>
          <Descriptions.Item label={t('detail.suggested')} span={2}>
            {assessment.suggestedOrganizations.map((org) => (
              <Tag key={org.id} color="blue">{org.name}</Tag>
            ))}
          </Descriptions.Item>
          <Descriptions.Item label={t('detail.assessedBy')} span={2}>
            {assessment.assessedBy?.displayName ?? '—'} · {formatDateTime(assessment.assessedAt)}
          </Descriptions.Item>
        </Descriptions>
      ) : (
        !canAssess && <Empty description={t('detail.notAssessed')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
      )}
      {canAssess && (
        <AssessmentForm
          initial={assessment ? { riskLevel: assessment.riskLevel, riskFlags: assessment.riskFlags, scale: assessment.scale, summary: assessment.summary } : undefined}
          suggestions={suggestions.data?.suggestOrganizations ?? assessment?.suggestedOrganizations ?? []}
          onFlagsChange={setFlags}
          onSubmit={submit}
          submitting={loading}
        />
      )}
    </Card>
  );
}

function ConveneCard({ matter }: { matter: Matter }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const organizations = useQuery(OrganizationsQuery);
  const [convene, { loading }] = useMutation(RequestJointMediationMutation, { refetchQueries: [MatterDetailQuery] });
  const suggestedIds = matter.assessment?.suggestedOrganizations.map((org) => org.id) ?? [];
  // Once agencies have been invited, convening again is the exception: keep the form folded.
  const [open, setOpen] = useState(matter.jointRequests.length === 0);

  async function submit(values: ConveneValues) {
    try {
      const { data } = await convene({ variables: { input: { matterId: matter.id, ...values } } });
      message.success(t('convene.success', { count: data?.requestJointMediation.invitations.length ?? values.organizationIds.length }));
      setOpen(false);
    } catch (e) {
      message.error(t('app.error', { message: errorMessage(e) }));
    }
  }

  if (!open) {
    return (
      <Button style={{ marginTop: 16 }} onClick={() => setOpen(true)} data-testid="convene-again">
        {t('convene.again')}
      </Button>
    );
  }

  return (
    <Card size="small" type="inner" title={t('convene.title')} style={{ marginTop: 16 }} data-testid="convene">
      {organizations.error && <Alert type="error" title={errorMessage(organizations.error)} />}
      {organizations.data ? (
        <ConveneForm
          key={suggestedIds.join(',')}
          organizations={organizations.data.organizations}
          suggestedIds={suggestedIds}
          onSubmit={submit}
          submitting={loading}
        />
      ) : (
        <Spin />
      )}
    </Card>
  );
}

function MatterTimeline({ matter }: { matter: Matter }) {
  const { t } = useTranslation();
  const label = useEnumLabel();
  return (
    <Card title={t('detail.timeline')} data-testid="timeline">
      {matter.timeline.length === 0 ? (
        <Empty description={t('detail.noTimeline')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <Timeline
          items={matter.timeline.map((event) => ({
            key: event.cursor,
            content: (
              <div data-testid="timeline-event" data-type={event.type}>
                <Typography.Text strong>{label('EventType', event.type)}</Typography.Text>
                <span className="timeline-actor">{event.actor?.displayName}</span>
                <div>{describeEvent(t, event)}</div>
                <Typography.Text type="secondary">{formatDateTime(event.occurredAt)}</Typography.Text>
              </div>
            ),
          }))}
        />
      )}
    </Card>
  );
}
