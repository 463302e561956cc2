import { useState } from 'react';
import { Alert, Button, Card, Col, Input, Row, Select, Space, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { MattersQuery } from '../../graphql/operations';
import type { MatterCategory, MatterFilter, MatterStatus, MattersQuery as MattersData, RiskLevel } from '../../gql/graphql';
import { formatDateTimeShort } from '../../i18n';
import { useActivity } from '../../live/LiveProvider';
import { errorMessage } from '../../ui/errors';
import { RiskTag, StatusTag, useEnumLabel, useEnumOptions } from '../../ui/labels';

const PAGE_SIZE = 20;

type Row = MattersData['matters']['edges'][number]['node'];

export function MatterListPage() {
  const { t } = useTranslation();
  const label = useEnumLabel();
  const options = useEnumOptions();
  const navigate = useNavigate();

  const [status, setStatus] = useState<MatterStatus[]>([]);
  const [category, setCategory] = useState<MatterCategory[]>([]);
  const [riskLevel, setRiskLevel] = useState<RiskLevel[]>([]);
  const [search, setSearch] = useState('');
  // Relay connections only page forward; keep the cursors of pages already seen to go back.
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const page = cursors.length;

  const filter: MatterFilter = {
    status: status.length ? status : undefined,
    category: category.length ? category : undefined,
    riskLevel: riskLevel.length ? riskLevel : undefined,
    search: search.trim() || undefined,
  };

  const { data, previousData, loading, error, refetch } = useQuery(MattersQuery, {
    variables: { filter, first: PAGE_SIZE, after: cursors[cursors.length - 1] },
  });
  const connection = (data ?? previousData)?.matters;

  useActivity((event) => {
    if (event.matterId) void refetch();
  });

  function resetPaging<T>(setter: (value: T) => void) {
    return (value: T) => {
      setter(value);
      setCursors([undefined]);
    };
  }

  return (
    <Card
      title={t('list.title')}
      data-testid="matter-list"
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/matters/new')} data-testid="new-matter">
          {t('nav.report')}
        </Button>
      }
    >
      <Row gutter={[8, 8]} style={{ marginBottom: 12 }}>
        <Col xs={24} md={8}>
          <Input.Search
            allowClear
            placeholder={t('list.search')}
            aria-label={t('list.search')}
            onSearch={resetPaging(setSearch)}
            data-testid="filter-search"
          />
        </Col>
        <Col xs={24} sm={8} md={5}>
          <Select<MatterStatus[]>
            mode="multiple"
            allowClear
            style={{ width: '100%' }}
            placeholder={t('list.status')}
            aria-label={t('list.status')}
            value={status}
            onChange={resetPaging(setStatus)}
            options={options('MatterStatus')}
            data-testid="filter-status"
          />
        </Col>
        <Col xs={24} sm={8} md={6}>
          <Select<MatterCategory[]>
            mode="multiple"
            allowClear
            style={{ width: '100%' }}
            placeholder={t('list.category')}
            aria-label={t('list.category')}
            value={category}
            onChange={resetPaging(setCategory)}
            options={options('MatterCategory')}
            data-testid="filter-category"
          />
        </Col>
        <Col xs={24} sm={8} md={5}>
          <Select<RiskLevel[]>
            mode="multiple"
            allowClear
            style={{ width: '100%' }}
            placeholder={t('list.risk')}
            aria-label={t('list.risk')}
            value={riskLevel}
            onChange={resetPaging(setRiskLevel)}
            options={options('RiskLevel')}
            data-testid="filter-risk"
          />
        </Col>
      </Row>
      {error && <Alert type="error" showIcon title={t('app.error', { message: errorMessage(error) })} style={{ marginBottom: 12 }} />}
      <Table<Row>
        rowKey="id"
        size="middle"
        loading={loading && !connection}
        dataSource={connection?.edges.map((edge) => edge.node) ?? []}
        pagination={false}
        // Wide enough that the title keeps ~220 px when the fixed columns are all there (phones, 200% zoom).
        scroll={{ x: 960 }}
        locale={{ emptyText: t('list.empty') }}
        onRow={(record) => ({ 'data-testid': `matter-row-${record.reference}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t('list.reference'),
            dataIndex: 'reference',
            width: 140,
            render: (reference: string, record) => <Link to={`/matters/${record.id}`}>{reference}</Link>,
          },
          {
            title: t('list.matterTitle'),
            dataIndex: 'title',
            render: (title: string, record) => <Link to={`/matters/${record.id}`}>{title}</Link>,
          },
          { title: t('list.category'), dataIndex: 'category', width: 120, render: (v: Row['category']) => label('MatterCategory', v) },
          { title: t('list.kind'), dataIndex: 'kind', width: 100, render: (v: Row['kind']) => label('MatterKind', v) },
          { title: t('list.status'), dataIndex: 'status', width: 120, render: (v: Row['status']) => <StatusTag status={v} /> },
          { title: t('list.risk'), dataIndex: 'riskLevel', width: 90, render: (v: Row['riskLevel']) => <RiskTag risk={v} /> },
          { title: t('list.createdAt'), dataIndex: 'createdAt', width: 170, render: (v: string) => formatDateTimeShort(v) },
        ]}
      />
      <Space style={{ marginTop: 12, justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Text type="secondary" data-testid="matter-total">
          {t('list.total', { count: connection?.totalCount ?? 0 })} · {t('list.page', { page })}
        </Typography.Text>
        <Space>
          <Button disabled={page <= 1} onClick={() => setCursors((c) => c.slice(0, -1))} data-testid="page-prev">
            {t('list.prev')}
          </Button>
          <Button
            disabled={!connection?.pageInfo.hasNextPage || !connection.pageInfo.endCursor}
            onClick={() => {
              const next = connection?.pageInfo.endCursor;
              if (next) setCursors((c) => [...c, next]);
            }}
            data-testid="page-next"
          >
            {t('list.next')}
          </Button>
        </Space>
      </Space>
    </Card>
  );
}
