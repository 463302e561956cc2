import { useState } from 'react';
import { Alert, App, Button, Card, Col, Modal, Progress, Row, Space, Table, Tag, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import type { ElevatorConsentQuery as ElevatorConsentData, ElevatorVote, MatterStatus } from '../../gql/graphql';
import { ElevatorConsentQuery, RecordElevatorConsentMutation } from '../../graphql/lifecycle.operations';
import { useActivity } from '../../live/LiveProvider';
import { useViewer } from '../../session/viewer';
import { errorMessage } from '../../ui/errors';
import { canRecordConsent } from '../sessions/lifecycle';
import { ElevatorConsentForm, type ElevatorConsentValues } from './ElevatorConsentForm';
import { hundredths, percent, reaches } from './tally';

type Consent = NonNullable<ElevatorConsentData['matter']>['elevatorConsents'][number];
type Tally = NonNullable<NonNullable<ElevatorConsentData['matter']>['elevatorTally']>;

const VOTE_COLOR: Record<ElevatorVote, string> = { AGREE: 'green', DISAGREE: 'red', ABSTAIN: 'gold', NOT_VOTED: 'default' };

export function ElevatorConsentCard({ matterId, status }: { matterId: string; status: MatterStatus }) {
  const { t } = useTranslation();
  const viewer = useViewer();
  const { message } = App.useApp();
  const { data, refetch } = useQuery(ElevatorConsentQuery, { variables: { id: matterId } });
  useActivity((event) => {
    if (event.matterId === matterId && event.type === 'ELEVATOR_CONSENT_RECORDED') void refetch();
  });
  const [record, { loading }] = useMutation(RecordElevatorConsentMutation, { refetchQueries: [ElevatorConsentQuery] });
  const [editing, setEditing] = useState<Consent | 'new' | null>(null);
  // A closed or withdrawn matter's tally is final (the api refuses changes).
  const editable = canRecordConsent(viewer) && status !== 'CLOSED' && status !== 'WITHDRAWN';
  const consents = data?.matter?.elevatorConsents ?? [];
  const tally = data?.matter?.elevatorTally;

  async function submit(values: ElevatorConsentValues) {
    try {
      await record({ variables: { input: { matterId, ...values } } });
      message.success(t('lifecycle.elevator.saved', { unit: values.unit }));
      setEditing(null);
    } catch (e) {
      message.error(t('app.error', { message: errorMessage(e) }));
    }
  }

  return (
    <Card
      title={t('lifecycle.elevator.title')}
      data-testid="elevator"
      extra={editable && <Button icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="elevator-add">{t('lifecycle.elevator.add')}</Button>}
    >
      <Space orientation="vertical" style={{ width: '100%' }} size="middle">
        {tally && <TallySummary tally={tally} />}
        <Table<Consent>
          rowKey="id"
          size="small"
          data-testid="elevator-households"
          dataSource={consents}
          pagination={consents.length > 20 ? { pageSize: 20 } : false}
          scroll={{ x: 640 }}
          locale={{ emptyText: t('lifecycle.elevator.empty') }}
          columns={[
            { title: t('lifecycle.elevator.unit'), dataIndex: 'unit', sorter: (a, b) => a.unit.localeCompare(b.unit) },
            { title: t('lifecycle.elevator.floor'), dataIndex: 'floor', width: 70, sorter: (a, b) => a.floor - b.floor },
            { title: t('lifecycle.elevator.area'), dataIndex: 'area', width: 120, align: 'right' },
            { title: t('lifecycle.elevator.owner'), dataIndex: 'ownerName' },
            {
              title: t('lifecycle.elevator.vote'),
              dataIndex: 'vote',
              width: 100,
              filters: (['AGREE', 'DISAGREE', 'ABSTAIN', 'NOT_VOTED'] as const).map((v) => ({ value: v, text: t(`lifecycle.enums.ElevatorVote.${v}`) })),
              onFilter: (value, record) => record.vote === value,
              render: (v: ElevatorVote) => <Tag color={VOTE_COLOR[v]}>{t(`lifecycle.enums.ElevatorVote.${v}`)}</Tag>,
            },
            { title: t('lifecycle.elevator.note'), dataIndex: 'note', render: (v: string | null) => v ?? '' },
            ...(editable
              ? [{
                  title: '',
                  key: 'edit',
                  width: 80,
                  render: (_: unknown, record: Consent) => (
                    <Button size="small" type="link" icon={<EditOutlined />} onClick={() => setEditing(record)} data-testid="elevator-edit">
                      {t('lifecycle.elevator.edit')}
                    </Button>
                  ),
                }]
              : []),
          ]}
        />
      </Space>
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('lifecycle.elevator.add') : t('lifecycle.elevator.edit')}
        footer={null}
        onCancel={() => setEditing(null)}
        destroyOnHidden
        width={640}
      >
        {editing !== null && (
          <ElevatorConsentForm
            key={editing === 'new' ? 'new' : editing.id}
            initial={editing === 'new' ? undefined : { ...editing, note: editing.note ?? undefined }}
            unitLocked={editing !== 'new'}
            onSubmit={submit}
            onCancel={() => setEditing(null)}
            submitting={loading}
          />
        )}
      </Modal>
    </Card>
  );
}

function Verdict({ met }: { met: boolean }) {
  const { t } = useTranslation();
  return met ? (
    <Tag color="success" icon={<CheckCircleFilled />} data-testid="verdict" data-met="true">{t('lifecycle.elevator.met')}</Tag>
  ) : (
    <Tag color="error" icon={<CloseCircleFilled />} data-testid="verdict" data-met="false">{t('lifecycle.elevator.notMet')}</Tag>
  );
}

function RatioBar({ label, part, whole, num, den }: { label: string; part: bigint; whole: bigint; num: bigint; den: bigint }) {
  const ok = reaches(part, whole, num, den);
  return (
    <div>
      <Typography.Text type="secondary">{label}</Typography.Text>
      <Progress
        aria-label={label}
        percent={percent(part, whole)}
        status={ok ? 'success' : 'exception'}
        format={(p) => `${p ?? 0}%`}
        strokeColor={ok ? '#52c41a' : '#faad14'}
      />
    </div>
  );
}

function TallySummary({ tally }: { tally: Tally }) {
  const { t } = useTranslation();
  const totalArea = hundredths(tally.totalArea);
  const participatingArea = hundredths(tally.participatingArea);
  const agreeArea = hundredths(tally.agreeArea);
  const households = BigInt(tally.totalHouseholds);
  const participants = BigInt(tally.participatingOwners);
  const agree = BigInt(tally.agreeOwners);

  return (
    <div data-testid="elevator-tally" data-approved={String(tally.approved)}>
      <Typography.Title level={5} style={{ marginTop: 0 }}>{t('lifecycle.elevator.summary')}</Typography.Title>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('lifecycle.elevator.counts', {
          agree: tally.agreeOwners, disagree: tally.disagreeOwners, abstain: tally.abstainOwners, notVoted: tally.notVotedOwners,
        })}
      </Typography.Paragraph>
      <Row gutter={[24, 12]}>
        <Col xs={24} md={12} data-testid="elevator-participation" data-met={String(tally.participationMet)}>
          <Space>
            <Typography.Text strong>{t('lifecycle.elevator.participation')}（≥ 2/3）</Typography.Text>
            <Verdict met={tally.participationMet} />
          </Space>
          <RatioBar label={t('lifecycle.elevator.byOwners', { count: tally.participatingOwners, total: tally.totalHouseholds })} part={participants} whole={households} num={2n} den={3n} />
          <RatioBar label={t('lifecycle.elevator.byArea', { area: tally.participatingArea, total: tally.totalArea })} part={participatingArea} whole={totalArea} num={2n} den={3n} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('lifecycle.elevator.participationRule')}</Typography.Text>
        </Col>
        <Col xs={24} md={12} data-testid="elevator-approval" data-met={String(tally.approvalMet)}>
          <Space>
            <Typography.Text strong>{t('lifecycle.elevator.approval')}（≥ 3/4）</Typography.Text>
            <Verdict met={tally.approvalMet} />
          </Space>
          <RatioBar label={t('lifecycle.elevator.byOwners', { count: tally.agreeOwners, total: tally.participatingOwners })} part={agree} whole={participants} num={3n} den={4n} />
          <RatioBar label={t('lifecycle.elevator.byArea', { area: tally.agreeArea, total: tally.participatingArea })} part={agreeArea} whole={participatingArea} num={3n} den={4n} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('lifecycle.elevator.approvalRule')}</Typography.Text>
        </Col>
      </Row>
      <Alert
        style={{ marginTop: 12 }}
        type={tally.approved ? 'success' : 'warning'}
        showIcon
        data-testid="elevator-verdict"
        data-approved={String(tally.approved)}
        title={tally.approved ? t('lifecycle.elevator.verdictApproved') : t('lifecycle.elevator.verdictNotApproved')}
      />
    </div>
  );
}
