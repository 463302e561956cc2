import { App, Card, Divider, Empty, List, Space, Tag, Typography } from 'antd';
import { useMutation } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { AddOpinionMutation } from '../../graphql/agency-work.operations';
import { MatterDetailQuery } from '../../graphql/operations';
import type { MatterDetailQuery as MatterDetailData, OpinionKind } from '../../gql/graphql';
import { formatDateTime } from '../../i18n';
import { consoleKind, type Viewer } from '../../session/viewer';
import { errorMessage } from '../../ui/errors';
import { OpinionForm, type OpinionValues } from './OpinionForm';

type Matter = NonNullable<MatterDetailData['matter']>;

const KIND_COLOR: Record<OpinionKind, string> = { LEGAL_OPINION: 'geekblue', SUGGESTION: 'cyan' };

/**
 * Who may add an opinion (the api checks again): an agency whose organization accepted an
 * invitation to the matter, or the community's coordinators and mediators; not once the matter
 * is withdrawn or closed.
 */
export function canAddOpinion(viewer: Viewer, matter: Matter): boolean {
  if (matter.status === 'WITHDRAWN' || matter.status === 'CLOSED') return false;
  if (consoleKind(viewer) === 'agency') {
    return matter.jointRequests.some((request) =>
      request.invitations.some((i) => i.organization.id === viewer.organization.id && i.status === 'ACCEPTED'),
    );
  }
  return viewer.role === 'COORDINATOR' || viewer.role === 'MEDIATOR';
}

/** 意见: what the agencies and the community staff think of the matter, oldest first. */
export function OpinionsCard({ matter, viewer }: { matter: Matter; viewer: Viewer }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [add, { loading }] = useMutation(AddOpinionMutation, { refetchQueries: [MatterDetailQuery] });
  const canAdd = canAddOpinion(viewer, matter);

  async function submit(values: OpinionValues): Promise<boolean> {
    try {
      await add({ variables: { input: { matterId: matter.id, ...values } } });
      message.success(t('opinions.success'));
      return true;
    } catch (e) {
      message.error(t('app.error', { message: errorMessage(e) }));
      return false;
    }
  }

  return (
    <Card title={t('opinions.title')} data-testid="opinions" data-count={matter.opinions.length}>
      {matter.opinions.length === 0 ? (
        <Empty description={t('opinions.empty')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <List
          size="small"
          dataSource={matter.opinions}
          renderItem={(opinion) => (
            <List.Item data-testid="opinion" data-kind={opinion.kind}>
              <Space orientation="vertical" size={2} style={{ width: '100%' }}>
                <Space wrap>
                  <Tag color={KIND_COLOR[opinion.kind]}>{t(`enums.OpinionKind.${opinion.kind}`)}</Tag>
                  <Typography.Text strong data-testid="opinion-by">
                    {t('opinions.by', { author: opinion.author.displayName, organization: opinion.organization.name })}
                  </Typography.Text>
                  <Typography.Text type="secondary">{formatDateTime(opinion.createdAt)}</Typography.Text>
                </Space>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }} data-testid="opinion-body-text">
                  {opinion.body}
                </Typography.Paragraph>
              </Space>
            </List.Item>
          )}
        />
      )}
      {canAdd && (
        <>
          <Divider style={{ margin: '12px 0' }} />
          <OpinionForm defaultKind={consoleKind(viewer) === 'agency' ? 'LEGAL_OPINION' : 'SUGGESTION'} onSubmit={submit} submitting={loading} />
        </>
      )}
    </Card>
  );
}
