import { useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Collapse, Descriptions, Form, Input, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { AuditOutlined, PrinterOutlined } from '@ant-design/icons';
import { useMutation } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { MatterLifecycleQuery } from '../../gql/graphql';
import {
  ConfirmAgreementMutation, MarkTermPerformedMutation, MatterLifecycleQuery as MatterLifecycleDocument,
  RecordSessionAttendanceMutation, RecordSessionOutcomeMutation,
} from '../../graphql/lifecycle.operations';
import { MatterDetailQuery } from '../../graphql/operations';
import { formatDateTime } from '../../i18n';
import { useViewer } from '../../session/viewer';
import { errorMessage } from '../../ui/errors';
import { canConfirm, canMarkTerms, canRunSessions, formatAmount, formatDate } from './lifecycle';
import { OutcomeForm, type OutcomeValues } from './OutcomeForm';
import { useStageConfirm } from '../../ui/stage';
import { CorrectOutcomeDialog } from './CorrectOutcomeDialog';
import './sessions.css';

export type Session = NonNullable<MatterLifecycleQuery['matter']>['sessions'][number];
type Term = Session['terms'][number];

const OUTCOME_COLOR = { AGREEMENT: 'green', PARTIAL_AGREEMENT: 'cyan', NO_AGREEMENT: 'red', ADJOURNED: 'gold' } as const;

/** One line per organization, however many sessions it already has around that time. */
function groupByOrganization(conflicts: Session['conflicts']) {
  const groups = new Map<string, { organization: Session['conflicts'][number]['organization']; items: Session['conflicts'] }>();
  for (const c of conflicts) {
    const group = groups.get(c.organization.id) ?? { organization: c.organization, items: [] };
    group.items.push(c);
    groups.set(c.organization.id, group);
  }
  return [...groups.values()];
}

export function ConflictWarning({ conflicts }: { conflicts: Session['conflicts'] }) {
  const { t } = useTranslation();
  if (conflicts.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="session-conflicts"
      title={t('lifecycle.session.conflictsTitle')}
      description={
        <div>
          {t('lifecycle.session.conflictsDescription')}
          <ul style={{ margin: '4px 0 0', paddingLeft: 20 }}>
            {groupByOrganization(conflicts).map(({ organization, items }) => (
              <li key={organization.id} data-testid="session-conflict" data-count={items.length}>
                {t('lifecycle.session.conflictItem', {
                  organization: organization.name,
                  time: items
                    .map((c) => formatDateTime(c.startsAt) + (c.matterReference ? t('lifecycle.session.conflictWhere', { reference: c.matterReference, venue: c.venue ?? '' }) : ''))
                    .join(t('app.separator')),
                  where: '',
                })}
              </li>
            ))}
          </ul>
        </div>
      }
    />
  );
}

export function SessionCard({ session, matterId }: { session: Session; matterId: string }) {
  const { t } = useTranslation();
  const viewer = useViewer();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const refetchQueries = [MatterLifecycleDocument, MatterDetailQuery];
  const [recordOutcome, outcomeState] = useMutation(RecordSessionOutcomeMutation, { refetchQueries });
  const [recordAttendance, attendanceState] = useMutation(RecordSessionAttendanceMutation, { refetchQueries });
  const [confirm, confirmState] = useMutation(ConfirmAgreementMutation, { refetchQueries });
  const [confirmNote, setConfirmNote] = useState('');
  const confirmStage = useStageConfirm();
  const [correcting, setCorrecting] = useState(false);
  const runs = canRunSessions(viewer);
  const agreement = session.outcome === 'AGREEMENT' || session.outcome === 'PARTIAL_AGREEMENT';

  async function submitOutcome(values: OutcomeValues) {
    try {
      await recordOutcome({ variables: { input: { sessionId: session.id, ...values } } });
      message.success(t('lifecycle.session.outcomeSaved'));
    } catch (e) {
      message.error(t('app.error', { message: errorMessage(e) }));
    }
  }

  async function submitAttendance(values: { attendees?: string[]; attendedOrganizationIds?: string[] }) {
    try {
      await recordAttendance({
        variables: { input: { sessionId: session.id, attendees: values.attendees ?? [], attendedOrganizationIds: values.attendedOrganizationIds ?? [] } },
      });
      message.success(t('lifecycle.session.attendanceSaved'));
    } catch (e) {
      message.error(t('app.error', { message: errorMessage(e) }));
    }
  }

  async function submitConfirmation() {
    try {
      await confirm({ variables: { sessionId: session.id, note: confirmNote.trim() || undefined } });
      message.success(t('lifecycle.session.confirmedOk'));
    } catch (e) {
      message.error(t('app.error', { message: errorMessage(e) }));
    }
  }

  return (
    <Card
      size="small"
      type="inner"
      data-testid="session-card"
      data-session-id={session.id}
      data-outcome={session.outcome ?? ''}
      title={
        <Space wrap>
          <span data-testid="session-when">{formatDateTime(session.startsAt)}</span>
          <span data-testid="session-venue">{session.venue}</span>
          {session.outcome ? (
            <Tag color={OUTCOME_COLOR[session.outcome]} data-testid="session-outcome">{t(`enums.SessionOutcome.${session.outcome}`)}</Tag>
          ) : null}
        </Space>
      }
      extra={
        agreement && (
          <Button
            size="small"
            icon={<PrinterOutlined />}
            onClick={() => navigate(`/matters/${matterId}/sessions/${session.id}/agreement`)}
            data-testid="open-agreement"
          >
            {t('lifecycle.session.print')}
          </Button>
        )
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        {!session.outcome && <ConflictWarning conflicts={session.conflicts} />}
        {runs && session.outcome && session.outcomeCorrectableUntil && session.terms.every((term) => !term.performedAt && !term.waivedAt) && (
          <Space>
            <Button size="small" onClick={() => setCorrecting(true)} data-testid="correct-outcome">
              {t('lifecycle.session.correct')}
            </Button>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('lifecycle.session.correctUntil', { time: formatDateTime(session.outcomeCorrectableUntil) })}
            </Typography.Text>
          </Space>
        )}
        {correcting && session.outcomeCorrectableUntil && (
          <CorrectOutcomeDialog
            sessionId={session.id}
            minutes={session.minutes ?? ''}
            terms={session.terms}
            until={session.outcomeCorrectableUntil}
            onClose={() => setCorrecting(false)}
          />
        )}
        <Descriptions size="small" column={1}>
          <Descriptions.Item label={t('lifecycle.agreement.participants')}>
            <span data-testid="session-organizations">
              {session.organizations.map((org) => (
                <Tag key={org.id} color={session.attendedOrganizations.some((a) => a.id === org.id) ? 'green' : undefined}>{org.name}</Tag>
              ))}
            </span>
          </Descriptions.Item>
          {session.agenda && <Descriptions.Item label={t('lifecycle.session.agenda')}><span style={{ whiteSpace: 'pre-wrap' }}>{session.agenda}</span></Descriptions.Item>}
          {session.attendees.length > 0 && (
            <Descriptions.Item label={t('lifecycle.session.attendees')}>{session.attendees.join('、')}</Descriptions.Item>
          )}
          {session.minutes && (
            <Descriptions.Item label={t('lifecycle.session.minutes')}>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{session.minutes}</Typography.Paragraph>
            </Descriptions.Item>
          )}
        </Descriptions>

        {session.outcome && session.terms.length > 0 && <TermsTable terms={session.terms} />}

        {agreement && (
          <div data-testid="judicial-confirmation" data-confirmed={session.judicialConfirmedAt ? 'true' : 'false'}>
            {session.judicialConfirmedAt ? (
              <Alert
                type="success"
                showIcon
                icon={<AuditOutlined />}
                title={t('lifecycle.session.confirmedBy', {
                  organization: session.judicialConfirmedByOrganization?.name ?? '',
                  time: formatDateTime(session.judicialConfirmedAt),
                })}
                description={session.judicialConfirmationNote}
              />
            ) : canConfirm(viewer) ? (
              <Space.Compact style={{ width: '100%' }}>
                <Input
                  placeholder={t('lifecycle.session.confirmNote')}
                  value={confirmNote}
                  onChange={(e) => setConfirmNote(e.target.value)}
                  data-testid="confirm-note"
                />
                <Button
                  type="primary"
                  icon={<AuditOutlined />}
                  loading={confirmState.loading}
                  onClick={() =>
                    confirmStage(
                      t('lifecycle.stage.confirmationTitle'),
                      <Space orientation="vertical" size={4}>
                        <span>{t('lifecycle.stage.confirmation', { when: formatDateTime(session.startsAt) })}</span>
                        {confirmNote.trim() && <span>{t('lifecycle.stage.note', { note: confirmNote.trim() })}</span>}
                      </Space>,
                      submitConfirmation,
                    )
                  }
                  data-testid="confirm-agreement"
                >
                  {t('lifecycle.session.confirmSubmit')}
                </Button>
              </Space.Compact>
            ) : (
              <Typography.Text type="secondary">{t('lifecycle.session.notConfirmed')}</Typography.Text>
            )}
          </div>
        )}

        {!session.outcome && runs && (
          <Collapse
            size="small"
            items={[
              {
                key: 'attendance',
                label: t('lifecycle.session.attendance'),
                children: (
                  <Form
                    layout="vertical"
                    data-testid="attendance-form"
                    initialValues={{ attendees: session.attendees, attendedOrganizationIds: session.attendedOrganizations.map((o) => o.id) }}
                    onFinish={(values) => void submitAttendance(values)}
                  >
                    <Form.Item name="attendedOrganizationIds" label={t('lifecycle.session.attendedOrganizations')}>
                      <Checkbox.Group options={session.organizations.map((org) => ({ value: org.id, label: org.name }))} />
                    </Form.Item>
                    <Form.Item name="attendees" label={t('lifecycle.session.attendees')}>
                      <Select mode="tags" open={false} suffixIcon={null} placeholder={t('lifecycle.session.attendeesPlaceholder')} data-testid="attendance-attendees" />
                    </Form.Item>
                    <Button htmlType="submit" loading={attendanceState.loading} data-testid="attendance-submit">
                      {t('lifecycle.session.saveAttendance')}
                    </Button>
                  </Form>
                ),
              },
              {
                key: 'outcome',
                label: t('lifecycle.session.recordOutcome'),
                children: (
                  <OutcomeForm
                    startsAt={session.startsAt}
                    organizations={session.organizations}
                    initialAttendees={session.attendees}
                    initialAttendedOrganizationIds={
                      session.attendedOrganizations.length ? session.attendedOrganizations.map((o) => o.id) : undefined
                    }
                    onSubmit={submitOutcome}
                    submitting={outcomeState.loading}
                  />
                ),
              },
            ]}
            defaultActiveKey={['outcome']}
          />
        )}
      </Space>
    </Card>
  );
}

function TermsTable({ terms }: { terms: Term[] }) {
  const { t } = useTranslation();
  const viewer = useViewer();
  const marks = canMarkTerms(viewer);
  return (
    <Table<Term>
      rowKey="id"
      size="small"
      pagination={false}
      data-testid="terms"
      dataSource={terms}
      scroll={{ x: 560 }}
      rowClassName={(term) => (term.overdue ? 'term-overdue' : '')}
      onRow={(term) => ({ 'data-testid': 'term-row', 'data-overdue': String(term.overdue), 'data-performed': String(!!term.performedAt) }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        { title: t('lifecycle.session.termDescription'), dataIndex: 'description' },
        { title: t('lifecycle.session.termAmount'), dataIndex: 'amount', width: 120, render: (v: string | null) => (v ? `¥${formatAmount(v)}` : '—') },
        { title: t('lifecycle.session.termDueAt'), dataIndex: 'dueAt', width: 140, render: (v: string | null) => formatDate(v) },
        {
          title: '',
          key: 'state',
          width: 200,
          render: (_, term) =>
            term.waivedAt ? (
              <Space orientation="vertical" size={0}>
                <Tag data-testid="term-waived">{t('lifecycle.session.waived')}</Tag>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDate(term.waivedAt)} {term.waivedReason}
                </Typography.Text>
              </Space>
            ) : term.performedAt ? (
              <Space orientation="vertical" size={0}>
                <Tag color="green">{t('lifecycle.session.performed')}</Tag>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDate(term.performedAt)} {term.performedNote}
                </Typography.Text>
              </Space>
            ) : (
              <Space wrap>
                {term.overdue ? <Tag color="red" data-testid="term-overdue">{t('lifecycle.session.overdue')}</Tag> : <Tag>{t('lifecycle.session.pending')}</Tag>}
                {marks && <MarkPerformed termId={term.id} />}
              </Space>
            ),
        },
      ]}
    />
  );
}

function MarkPerformed({ termId }: { termId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [note, setNote] = useState('');
  const [mark, { loading }] = useMutation(MarkTermPerformedMutation, { refetchQueries: [MatterLifecycleDocument] });

  async function submit() {
    try {
      await mark({ variables: { input: { termId, note: note.trim() || undefined } } });
      message.success(t('lifecycle.session.performedOk'));
    } catch (e) {
      message.error(t('app.error', { message: errorMessage(e) }));
    }
  }

  return (
    <Popconfirm
      title={t('lifecycle.session.markPerformed')}
      description={<Input placeholder={t('lifecycle.session.performedNote')} value={note} onChange={(e) => setNote(e.target.value)} data-testid="performed-note" />}
      onConfirm={() => submit()}
      okText={t('inbox.confirm')}
      cancelText={t('inbox.cancel')}
    >
      <Button size="small" loading={loading} data-testid="mark-performed">{t('lifecycle.session.markPerformed')}</Button>
    </Popconfirm>
  );
}
