import { useState } from 'react';
import { Alert, App, Button, Card, Col, Input, Modal, Progress, Row, Space, Table, Tag, Typography, type ButtonProps } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, EditOutlined, PlusOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import type { ElevatorConsentQuery as ElevatorConsentData, ElevatorVote, MatterStatus } from '../../gql/graphql';
import { ElevatorConsentQuery, RecordElevatorConsentMutation, SetElevatorRegisterMutation } from '../../graphql/lifecycle.operations';
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
    if (event.matterId === matterId && (event.type === 'ELEVATOR_CONSENT_RECORDED' || event.type === 'ELEVATOR_REGISTER_UPDATED')) void refetch();
  });
  const [record, { loading }] = useMutation(RecordElevatorConsentMutation, { refetchQueries: [ElevatorConsentQuery] });
  const [editing, setEditing] = useState<Consent | 'new' | null>(null);
  const [registering, setRegistering] = useState(false);
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
      extra={
        editable && (
          <Space>
            <Button icon={<UnorderedListOutlined />} onClick={() => setRegistering(true)} data-testid="elevator-register">{t('lifecycle.elevator.register')}</Button>
            <Button icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="elevator-add">{t('lifecycle.elevator.add')}</Button>
          </Space>
        )
      }
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
      {registering && <RegisterDialog matterId={matterId} consents={consents} onClose={() => setRegistering(false)} />}
    </Card>
  );
}

/** "2-1-101, 1, 86.52, 马德明" per line (commas, tabs or spaces; pasted from the property register). */
export function parseRegister(text: string): { units: { unit: string; floor: number; area: string; ownerName: string }[]; bad: { line: number; text: string }[] } {
  const units: { unit: string; floor: number; area: string; ownerName: string }[] = [];
  const bad: { line: number; text: string }[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    const [unit, floor, area, ...owner] = line.split(/\s*[,，\t]\s*|\s+/);
    const ownerName = owner.join(' ').trim();
    if (!unit || !/^-?\d{1,3}$/.test(floor ?? '') || !/^\d{1,7}(\.\d{1,2})?$/.test(area ?? '') || !ownerName) bad.push({ line: i + 1, text: line });
    else units.push({ unit, floor: Number(floor), area: area!, ownerName });
  });
  return { units, bad };
}

function RegisterDialog({ matterId, consents, onClose }: { matterId: string; consents: Consent[]; onClose(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [text, setText] = useState(() => consents.map((c) => `${c.unit}, ${c.floor}, ${c.area}, ${c.ownerName}`).join('\n'));
  const [problem, setProblem] = useState<string | null>(null);
  const [save, { loading }] = useMutation(SetElevatorRegisterMutation, { refetchQueries: [ElevatorConsentQuery] });

  async function submit() {
    const { units, bad } = parseRegister(text);
    if (bad.length) return setProblem(t('lifecycle.elevator.registerLineInvalid', { line: bad[0]!.line, text: bad[0]!.text }));
    if (!units.length) return setProblem(t('lifecycle.elevator.registerEmpty'));
    setProblem(null);
    try {
      await save({ variables: { input: { matterId, units } } });
      message.success(t('lifecycle.elevator.registerSaved', { count: units.length }));
      onClose();
    } catch (e) {
      setProblem(t('app.error', { message: errorMessage(e) }));
    }
  }

  return (
    <Modal
      open
      title={t('lifecycle.elevator.register')}
      okText={t('lifecycle.elevator.registerSave')}
      cancelText={t('lifecycle.elevator.cancel')}
      confirmLoading={loading}
      onOk={() => void submit()}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'elevator-register-save' } as ButtonProps}
      width={640}
      destroyOnHidden
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('lifecycle.elevator.registerHelp')}</Typography.Text>
        <Input.TextArea rows={12} value={text} onChange={(e) => setText(e.target.value)} data-testid="elevator-register-text" />
        {problem && <Alert type="error" showIcon title={problem} data-testid="elevator-register-error" />}
      </Space>
    </Modal>
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

export function TallySummary({ tally }: { tally: Tally }) {
  const { t } = useTranslation();
  const totalArea = hundredths(tally.totalArea);
  const participatingArea = hundredths(tally.participatingArea);
  const agreeArea = hundredths(tally.agreeArea);
  const households = BigInt(tally.totalHouseholds);
  const participants = BigInt(tally.participatingOwners);
  const agree = BigInt(tally.agreeOwners);

  const registerWarning = !tally.registerComplete && tally.totalHouseholds > 0 && (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="elevator-register-incomplete"
      title={t('lifecycle.elevator.registerIncomplete', { registered: tally.registeredHouseholds, total: tally.totalHouseholds })}
    />
  );

  // Nobody has voted yet: nothing is "not met" yet, whatever the matter's status.
  if (tally.participatingOwners === 0) {
    return (
      <div data-testid="elevator-tally" data-approved="false" data-voted="false">
        <Typography.Title level={5} style={{ marginTop: 0 }}>{t('lifecycle.elevator.summary')}</Typography.Title>
        {registerWarning}
        <Space>
          <Tag data-testid="elevator-not-voted">{t('lifecycle.elevator.notVotedYet')}</Tag>
          <Typography.Text type="secondary">{t('lifecycle.elevator.notVotedYetHelp')}</Typography.Text>
        </Space>
      </div>
    );
  }

  return (
    <div data-testid="elevator-tally" data-approved={String(tally.approved)} data-voted="true">
      <Typography.Title level={5} style={{ marginTop: 0 }}>{t('lifecycle.elevator.summary')}</Typography.Title>
      {registerWarning}
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
