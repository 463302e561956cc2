import { Card, Descriptions, Empty, List, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { MatterDetailQuery } from '../../gql/graphql';
import { formatDateTime } from '../../i18n';
import { InvitationStatusTag, useEnumLabel } from '../../ui/labels';

type Request = NonNullable<MatterDetailQuery['matter']>['jointRequests'][number];
type Invitation = Request['invitations'][number];

interface Props {
  requests: Request[];
  now: number;
  /** Renders answer buttons for invitations the viewer may answer (agency console). */
  renderActions?(invitation: Invitation): React.ReactNode;
  /** Renders the 指派承办人 control for invitations the viewer may assign (an agency lead). */
  renderAssign?(invitation: Invitation): React.ReactNode;
}

/** A deadline with the time left; once every answer is in (`settled`) it is just a date. */
export function Deadline({ respondBy, now, settled = false }: { respondBy: string; now: number; settled?: boolean }) {
  const { t } = useTranslation();
  const deadline = dayjs(respondBy);
  const overdue = deadline.valueOf() <= now;
  if (settled) return <span data-testid="deadline">{formatDateTime(respondBy)}</span>;
  return (
    <span data-testid="deadline">
      {formatDateTime(respondBy)}{' '}
      <Typography.Text type={overdue ? 'danger' : 'warning'}>
        ({overdue ? t('detail.overdue') : t('detail.timeLeft', { time: deadline.from(dayjs(now), true) })})
      </Typography.Text>
    </span>
  );
}

export function JointRequests({ requests, now, renderActions, renderAssign }: Props) {
  const { t } = useTranslation();
  const label = useEnumLabel();
  if (requests.length === 0) return <Empty description={t('detail.noJointRequests')} image={Empty.PRESENTED_IMAGE_SIMPLE} />;

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {requests.map((request) => (
        <Card key={request.id} size="small" type="inner" data-testid={`joint-request-${request.id}`}>
          <Descriptions size="small" column={{ xs: 1, sm: 1, md: 2 }}>
            <Descriptions.Item label={t('detail.message')} span={2}>{request.message}</Descriptions.Item>
            <Descriptions.Item label={t('detail.respondBy')}>
              <Deadline respondBy={request.respondBy} now={now} settled={request.invitations.every((i) => i.status !== 'PENDING')} />
            </Descriptions.Item>
            <Descriptions.Item label={t('detail.requestedBy')}>
              {request.requestedBy?.displayName ?? '—'} · {formatDateTime(request.createdAt)}
            </Descriptions.Item>
          </Descriptions>
          <List
            size="small"
            dataSource={request.invitations}
            renderItem={(invitation) => (
              <List.Item
                data-testid={`invitation-${invitation.organization.kind}`}
                data-status={invitation.status}
                actions={invitation.status === 'PENDING' && renderActions ? [renderActions(invitation)] : undefined}
              >
                <List.Item.Meta
                  title={
                    <Space wrap>
                      <span>{invitation.organization.name}</span>
                      <Typography.Text type="secondary">{label('OrganizationKind', invitation.organization.kind)}</Typography.Text>
                      <InvitationStatusTag status={invitation.status} />
                    </Space>
                  }
                  description={
                    <>
                      {invitation.status === 'DECLINED' && invitation.note && (
                        <div data-testid="decline-reason-text">{t('detail.declineReason', { reason: invitation.note })}</div>
                      )}
                      {invitation.status === 'ACCEPTED' && invitation.note && <div>{invitation.note}</div>}
                      {invitation.respondedAt && (
                        <div>
                          {invitation.respondedBy?.displayName ?? ''} {formatDateTime(invitation.respondedAt)}
                        </div>
                      )}
                      {invitation.assignee && (
                        <div data-testid="invitation-assignee">{t('assign.assignee', { name: invitation.assignee.displayName })}</div>
                      )}
                      {renderAssign?.(invitation)}
                    </>
                  }
                />
              </List.Item>
            )}
          />
        </Card>
      ))}
    </Space>
  );
}
