import { useState } from 'react';
import { Alert, App, Button, Card, Empty, Space, Spin } from 'antd';
import { CalendarOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import type { MatterCategory, MatterLifecycleQuery as MatterLifecycleData } from '../../gql/graphql';
import { MatterLifecycleQuery, ScheduleJointSessionMutation } from '../../graphql/lifecycle.operations';
import { MatterDetailQuery } from '../../graphql/operations';
import { useActivity } from '../../live/LiveProvider';
import { useViewer } from '../../session/viewer';
import { errorMessage } from '../../ui/errors';
import { FollowUpCard } from '../followups/FollowUpCard';
import { ElevatorConsentCard } from '../elevator/ElevatorConsentCard';
import { canRunSessions } from './lifecycle';
import { ScheduleSessionForm, type ScheduleValues } from './ScheduleSessionForm';
import { SessionCard } from './SessionCard';

type Matter = NonNullable<MatterLifecycleData['matter']>;

/**
 * The later life of a matter on its detail page: joint sessions and their agreements, follow-up
 * visits and — for an elevator installation — the owners' consent. Live: any event about the
 * matter (a session scheduled, an outcome, a confirmation…) refetches it, for every console.
 */
export function MatterLifecycle({ matterId, category }: { matterId: string; category: MatterCategory }) {
  const { data, loading, error, refetch } = useQuery(MatterLifecycleQuery, { variables: { id: matterId } });
  useActivity((event) => {
    if (event.matterId === matterId) void refetch();
  });
  const matter = data?.matter;
  if (!matter) {
    if (loading) return <Spin />;
    return error ? <Alert type="error" title={errorMessage(error)} /> : null;
  }
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle" data-testid="matter-lifecycle">
      <SessionsCard matter={matter} />
      {(matter.status === 'RESOLVED' || matter.status === 'CLOSED' || matter.followUps.length > 0) && <FollowUpCard matter={matter} />}
      {category === 'ELEVATOR_INSTALLATION' && <ElevatorConsentCard matterId={matter.id} status={matter.status} />}
    </Space>
  );
}

function SessionsCard({ matter }: { matter: Matter }) {
  const { t } = useTranslation();
  const viewer = useViewer();
  const { message } = App.useApp();
  const [schedule, { loading }] = useMutation(ScheduleJointSessionMutation, { refetchQueries: [MatterLifecycleQuery, MatterDetailQuery] });
  const [open, setOpen] = useState(false);

  const accepted = new Map<string, Matter['jointRequests'][number]['invitations'][number]['organization']>();
  for (const request of matter.jointRequests) {
    for (const invitation of request.invitations) {
      if (invitation.status === 'ACCEPTED') accepted.set(invitation.organization.id, invitation.organization);
    }
  }
  const mayRun = canRunSessions(viewer);
  const schedulable = mayRun && matter.status === 'MEDIATING' && accepted.size > 0;
  const hasOpenSession = matter.sessions.some((s) => !s.outcome);
  const showForm = schedulable && (open || matter.sessions.length === 0);

  async function submit(values: ScheduleValues) {
    try {
      const { data } = await schedule({ variables: { input: { matterId: matter.id, ...values } } });
      const conflicts = data?.scheduleJointSession.conflicts ?? [];
      if (conflicts.length) message.warning(t('lifecycle.session.conflictsTitle'));
      else message.success(t('lifecycle.session.scheduled'));
      setOpen(false);
    } catch (e) {
      message.error(t('app.error', { message: errorMessage(e) }));
    }
  }

  return (
    <Card title={t('lifecycle.session.title')} data-testid="sessions" data-count={matter.sessions.length}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        {matter.sessions.length === 0 && !showForm && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('lifecycle.session.none')} />}
        {matter.sessions.map((session) => (
          <SessionCard key={session.id} session={session} matterId={matter.id} />
        ))}
        {mayRun && matter.status === 'MEDIATING' && accepted.size === 0 && (
          <Alert type="info" showIcon title={t('lifecycle.session.noAccepted')} />
        )}
        {showForm ? (
          <Card size="small" type="inner" title={t('lifecycle.session.schedule')} data-testid="schedule">
            <ScheduleSessionForm organizations={[...accepted.values()]} onSubmit={submit} submitting={loading} />
          </Card>
        ) : (
          schedulable && (
            <Button icon={<CalendarOutlined />} onClick={() => setOpen(true)} data-testid="schedule-again">
              {hasOpenSession ? t('lifecycle.session.scheduleAgain') : t('lifecycle.session.schedule')}
            </Button>
          )
        )}
      </Space>
    </Card>
  );
}
