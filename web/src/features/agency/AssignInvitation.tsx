import { App } from 'antd';
import { useMutation, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { AssignableUsersQuery, AssignInvitationMutation } from '../../graphql/agency-work.operations';
import { MatterDetailQuery, MyInvitationsQuery } from '../../graphql/operations';
import { errorMessage } from '../../ui/errors';
import { AssigneeSelect } from './AssigneeSelect';

/** The lead's 指派承办人 select for one invitation of their organization (the api checks again). */
export function AssignInvitation({ invitationId, assigneeId }: { invitationId: string; assigneeId: string | null }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const users = useQuery(AssignableUsersQuery);
  const [assign, { loading }] = useMutation(AssignInvitationMutation, { refetchQueries: [MatterDetailQuery, MyInvitationsQuery] });

  async function onAssign(userId: string) {
    try {
      const { data } = await assign({ variables: { input: { invitationId, assigneeId: userId } } });
      message.success(t('assign.success', { name: data?.assignInvitation.assignee?.displayName ?? '' }));
    } catch (e) {
      message.error(t('app.error', { message: errorMessage(e) }));
    }
  }

  return (
    <AssigneeSelect
      invitationId={invitationId}
      users={users.data?.assignableUsers ?? []}
      value={assigneeId}
      onAssign={onAssign}
      loading={loading || users.loading}
    />
  );
}
