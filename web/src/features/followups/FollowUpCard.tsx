import { Alert, App, Card, Empty, List, Rate, Space, Tag, Typography } from 'antd';
import { useMutation } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import type { MatterLifecycleQuery } from '../../gql/graphql';
import { MatterLifecycleQuery as MatterLifecycleDocument, RecordFollowUpMutation } from '../../graphql/lifecycle.operations';
import { MatterDetailQuery } from '../../graphql/operations';
import { formatDateTime } from '../../i18n';
import { useViewer } from '../../session/viewer';
import { errorMessage } from '../../ui/errors';
import { canFollowUp } from '../sessions/lifecycle';
import { FollowUpForm, type FollowUpValues } from './FollowUpForm';

type Matter = NonNullable<MatterLifecycleQuery['matter']>;

export function FollowUpCard({ matter }: { matter: Matter }) {
  const { t } = useTranslation();
  const viewer = useViewer();
  const { message } = App.useApp();
  const [record, { loading }] = useMutation(RecordFollowUpMutation, { refetchQueries: [MatterLifecycleDocument, MatterDetailQuery] });
  const canRecord = canFollowUp(viewer) && matter.status === 'RESOLVED';

  async function submit(values: FollowUpValues) {
    try {
      const { data } = await record({ variables: { input: { matterId: matter.id, ...values } } });
      const status = data?.recordFollowUp.matter.status;
      if (status === 'CLOSED') message.success(t('lifecycle.followUp.closed'));
      else message.warning(t('lifecycle.followUp.reopened'));
    } catch (e) {
      message.error(t('app.error', { message: errorMessage(e) }));
    }
  }

  return (
    <Card title={t('lifecycle.followUp.title')} data-testid="follow-ups" data-overdue={String(matter.overdueFollowUp)}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        {matter.followUpDueAt && (
          <Alert
            type={matter.overdueFollowUp ? 'error' : 'info'}
            showIcon
            data-testid="follow-up-due"
            title={matter.overdueFollowUp ? `${t('lifecycle.followUp.overdue')} · ${t('lifecycle.followUp.due', { time: formatDateTime(matter.followUpDueAt) })}` : t('lifecycle.followUp.due', { time: formatDateTime(matter.followUpDueAt) })}
          />
        )}
        {matter.followUps.length === 0 ? (
          !canRecord && (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={matter.status === 'RESOLVED' || matter.status === 'CLOSED' ? t('lifecycle.followUp.none') : t('lifecycle.followUp.notYet')}
            />
          )
        ) : (
          <List
            size="small"
            dataSource={matter.followUps}
            renderItem={(f) => (
              <List.Item data-testid="follow-up" data-fulfilled={String(f.agreementFulfilled)}>
                <Space orientation="vertical" size={0}>
                  <Space wrap>
                    <Tag color={f.agreementFulfilled ? 'green' : 'red'}>
                      {t(f.agreementFulfilled ? 'lifecycle.followUp.fulfilledYes' : 'lifecycle.followUp.fulfilledNo')}
                    </Tag>
                    {f.satisfaction != null && <Rate disabled value={f.satisfaction} style={{ fontSize: 14 }} />}
                  </Space>
                  {f.notes && <Typography.Text>{f.notes}</Typography.Text>}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('lifecycle.followUp.recordedBy')}{t('app.colon')}{f.recordedBy?.displayName ?? '—'} · {formatDateTime(f.createdAt)}
                  </Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        )}
        {canRecord && (
          <Card size="small" type="inner" title={t('lifecycle.followUp.record')}>
            <FollowUpForm
              openTerms={matter.sessions.flatMap((session) => session.terms.filter((term) => !term.performedAt && !term.waivedAt && !term.supersededAt))}
              onSubmit={submit}
              submitting={loading}
            />
          </Card>
        )}
      </Space>
    </Card>
  );
}
