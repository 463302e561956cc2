import { Card, Col, Empty, List, Row, Space, Tag, Typography } from 'antd';
import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { OverdueWorkQuery } from '../../graphql/lifecycle.operations';
import { useActivity } from '../../live/LiveProvider';
import { formatAmount, formatDate } from '../sessions/lifecycle';

/** 逾期提醒: follow-up visits and agreement terms past their due date (of `communityId`, for an admin). */
export function OverdueCard({ communityId }: { communityId?: string }) {
  const { t } = useTranslation();
  const { data, refetch } = useQuery(OverdueWorkQuery, { variables: communityId ? { communityId } : {} });
  useActivity((event) => {
    if (['FOLLOW_UP_RECORDED', 'AGREEMENT_TERM_PERFORMED', 'SESSION_OUTCOME_RECORDED', 'MATTER_STATUS_CHANGED'].includes(event.type)) void refetch();
  });
  const followUps = data?.overdueWork.followUps ?? [];
  const terms = data?.overdueWork.terms ?? [];

  return (
    <Card title={t('lifecycle.overdue.title')} size="small" data-testid="overdue" data-count={followUps.length + terms.length}>
      {followUps.length + terms.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('lifecycle.overdue.none')} />
      ) : (
        <Row gutter={[16, 8]}>
          <Col xs={24} lg={12}>
            <Typography.Text strong>{t('lifecycle.overdue.followUps')}</Typography.Text>
            <List
              size="small"
              dataSource={followUps}
              renderItem={(m) => (
                <List.Item data-testid="overdue-follow-up">
                  <Space wrap>
                    <Link to={`/matters/${m.id}`}>{m.reference}</Link>
                    <span>{m.title}</span>
                    <Tag color="red">{t('lifecycle.overdue.due', { time: formatDate(m.followUpDueAt) })}</Tag>
                  </Space>
                </List.Item>
              )}
            />
          </Col>
          <Col xs={24} lg={12}>
            <Typography.Text strong>{t('lifecycle.overdue.terms')}</Typography.Text>
            <List
              size="small"
              dataSource={terms}
              renderItem={(term) => (
                <List.Item data-testid="overdue-term">
                  <Space wrap>
                    <Link to={`/matters/${term.session.matter.id}`}>{term.session.matter.reference}</Link>
                    <span>{term.description}</span>
                    {term.amount && <span>¥{formatAmount(term.amount)}</span>}
                    <Tag color="red">{t('lifecycle.overdue.due', { time: formatDate(term.dueAt) })}</Tag>
                  </Space>
                </List.Item>
              )}
            />
          </Col>
        </Row>
      )}
    </Card>
  );
}
