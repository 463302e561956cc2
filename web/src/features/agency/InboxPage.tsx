import { useState } from 'react';
import { Alert, Badge, Button, Card, List, Segmented, Space, Tag, Typography } from 'antd';
import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { MyInvitationsQuery } from '../../graphql/operations';
import type { InvitationStatus } from '../../gql/graphql';
import { useLive } from '../../live/LiveProvider';
import { errorMessage } from '../../ui/errors';
import { InvitationStatusTag, useEnumLabel, useEnumOptions } from '../../ui/labels';
import { Deadline } from '../matters/JointRequests';
import { RespondActions } from './RespondActions';
import { AssignInvitation } from './AssignInvitation';
import { useViewer } from '../../session/viewer';

type Filter = InvitationStatus | 'ALL';

export function InboxPage() {
  const { t } = useTranslation();
  const label = useEnumLabel();
  const options = useEnumOptions();
  const navigate = useNavigate();
  const viewer = useViewer();
  const { unreadInvitationIds, markInvitationRead, markAllInvitationsRead } = useLive();
  const [filter, setFilter] = useState<Filter>('ALL');
  // Same variables as the LiveProvider's watch, so both share one cache entry and one refetch.
  const { data, error, loading } = useQuery(MyInvitationsQuery);
  const invitations = (data?.myInvitations ?? [])
    .filter((invitation) => filter === 'ALL' || invitation.status === filter)
    .slice()
    .sort((a, b) => b.request.createdAt.localeCompare(a.request.createdAt));
  const now = Date.now();

  return (
    <Card
      data-testid="inbox"
      title={
        <Space>
          {t('inbox.title')}
          <Badge count={unreadInvitationIds.size} data-testid="inbox-unread" title={t('inbox.unread', { count: unreadInvitationIds.size })} />
        </Space>
      }
      extra={
        <Button size="small" disabled={unreadInvitationIds.size === 0} onClick={markAllInvitationsRead}>
          {t('inbox.markAllRead')}
        </Button>
      }
    >
      <Segmented<Filter>
        style={{ marginBottom: 12 }}
        value={filter}
        onChange={setFilter}
        options={[{ value: 'ALL', label: t('inbox.filterAll') }, ...options('InvitationStatus')]}
      />
      {error && <Alert type="error" showIcon title={t('app.error', { message: errorMessage(error) })} />}
      <List
        loading={loading && !data}
        dataSource={invitations}
        locale={{ emptyText: t('inbox.empty') }}
        renderItem={(invitation) => {
          const matter = invitation.request.matter;
          const unread = unreadInvitationIds.has(invitation.id);
          return (
            <List.Item
              className={unread ? 'invitation-unread' : undefined}
              data-testid={`inbox-item-${matter.reference}`}
              data-invitation-id={invitation.id}
              data-status={invitation.status}
              actions={[
                <Button
                  key="view"
                  onClick={() => {
                    markInvitationRead(invitation.id);
                    navigate(`/matters/${matter.id}`);
                  }}
                  data-testid={`view-${invitation.id}`}
                >
                  {t('inbox.view')}
                </Button>,
                ...(invitation.status === 'PENDING' ? [<RespondActions key="respond" invitationId={invitation.id} matter={matter} />] : []),
                // 指派承办人 right in the lead's inbox row, while there is someone to assign.
                ...(viewer.role === 'AGENCY_LEAD' && (invitation.status === 'PENDING' || invitation.status === 'ACCEPTED')
                  ? [<AssignInvitation key="assign" invitationId={invitation.id} assigneeId={invitation.assignee?.id ?? null} />]
                  : []),
              ]}
            >
              <List.Item.Meta
                title={
                  <Space wrap>
                    {unread && <Tag color="orange">{t('inbox.new')}</Tag>}
                    <Typography.Text code>{matter.reference}</Typography.Text>
                    <span>{matter.title}</span>
                    <Tag>{label('MatterCategory', matter.category)}</Tag>
                    <InvitationStatusTag status={invitation.status} />
                  </Space>
                }
                description={
                  <Space direction="vertical" size={2}>
                    <span>{invitation.request.message}</span>
                    <span>
                      {t('inbox.respondByLabel')}<Deadline respondBy={invitation.request.respondBy} now={now} settled={invitation.status !== 'PENDING'} />
                    </span>
                    {invitation.note && <span>{invitation.note}</span>}
                    {invitation.assignee && (
                      <span data-testid="invitation-assignee">{t('assign.assignee', { name: invitation.assignee.displayName })}</span>
                    )}
                  </Space>
                }
              />
            </List.Item>
          );
        }}
      />
    </Card>
  );
}
