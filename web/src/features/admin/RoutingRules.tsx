import { useState } from 'react';
import { App, Button, Card, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import type { MatterCategory, MatterScale, OrganizationKind, RiskFlag, RoutingRulesQuery as RulesData } from '../../gql/graphql';
import { DeleteRoutingRuleMutation, RoutingRulesQuery, SaveRoutingRuleMutation } from '../../graphql/admin.operations';
import { errorMessage } from '../../ui/errors';
import { useEnumLabel, useEnumOptions } from '../../ui/labels';

type RuleRow = RulesData['routingRules'][number];
type CommunityOption = { id: string; code: string; name: string };

/** Kinds of agency a rule may suggest (never COMMUNITY). */
export const AGENCY_KINDS: OrganizationKind[] = ['COURT', 'PROCURATORATE', 'POLICE', 'LAW_FIRM', 'JUDICIAL_OFFICE'];

export interface RoutingRuleValues {
  communityId: string | null;
  category: MatterCategory | null;
  riskFlag: RiskFlag | null;
  scale: MatterScale | null;
  organizationKinds: OrganizationKind[];
  note: string | null;
}

/** The form's values as the api takes them: empty selects are null, the note trimmed. */
export function toRoutingRuleInput(v: Partial<RoutingRuleValues>): RoutingRuleValues {
  return {
    communityId: v.communityId || null,
    category: v.category || null,
    riskFlag: v.riskFlag || null,
    scale: v.scale || null,
    organizationKinds: AGENCY_KINDS.filter((k) => (v.organizationKinds ?? []).includes(k)),
    note: v.note?.trim() || null,
  };
}

export function RoutingRuleForm({
  communities,
  initial,
  onSubmit,
  submitting,
}: {
  communities: CommunityOption[];
  initial?: Partial<RoutingRuleValues>;
  onSubmit(values: RoutingRuleValues): void | Promise<void>;
  submitting?: boolean;
}) {
  const { t } = useTranslation();
  const options = useEnumOptions();
  const label = useEnumLabel();
  const [form] = Form.useForm<RoutingRuleValues>();
  const any = t('admin.routing.any');
  return (
    <Form<RoutingRuleValues>
      form={form}
      layout="vertical"
      data-testid="routing-rule-form"
      initialValues={{ organizationKinds: [], ...initial }}
      onFinish={(v) => onSubmit(toRoutingRuleInput(v))}
    >
      <Form.Item name="communityId" label={t('admin.routing.community')}>
        <Select
          allowClear
          placeholder={t('admin.routing.allCommunities')}
          options={communities.map((c) => ({ value: c.id, label: `${c.name}（${c.code}）` }))}
          data-testid="routing-community"
        />
      </Form.Item>
      <Form.Item
        name="category"
        label={t('admin.routing.category')}
        dependencies={['riskFlag', 'scale']}
        rules={[
          {
            validator: (_, value) =>
              value || form.getFieldValue('riskFlag') || form.getFieldValue('scale') ? Promise.resolve() : Promise.reject(new Error(t('admin.routing.v.condition'))),
          },
        ]}
      >
        <Select allowClear placeholder={any} options={options('MatterCategory')} data-testid="routing-category" />
      </Form.Item>
      <Form.Item name="riskFlag" label={t('admin.routing.riskFlag')}>
        <Select allowClear placeholder={any} options={options('RiskFlag')} data-testid="routing-risk-flag" />
      </Form.Item>
      <Form.Item name="scale" label={t('admin.routing.scale')}>
        <Select allowClear placeholder={any} options={options('MatterScale')} data-testid="routing-scale" />
      </Form.Item>
      <Form.Item name="organizationKinds" label={t('admin.routing.kinds')} rules={[{ required: true, type: 'array', min: 1, message: t('admin.routing.v.kinds') }]}>
        <Select mode="multiple" options={AGENCY_KINDS.map((value) => ({ value, label: label('OrganizationKind', value) }))} data-testid="routing-kinds" />
      </Form.Item>
      <Form.Item name="note" label={t('admin.routing.note')}>
        <Input maxLength={200} data-testid="routing-note" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={submitting} data-testid="routing-submit">
        {t('admin.submit')}
      </Button>
    </Form>
  );
}

/** 分流规则 table with add / edit / delete (ADMIN). */
export function RoutingRulesCard({ communities }: { communities: CommunityOption[] }) {
  const { t } = useTranslation();
  const label = useEnumLabel();
  const { message } = App.useApp();
  const [editing, setEditing] = useState<RuleRow | 'new' | null>(null);
  const rules = useQuery(RoutingRulesQuery, { variables: {} });
  const [saveRule, saveState] = useMutation(SaveRoutingRuleMutation, { refetchQueries: [RoutingRulesQuery] });
  const [deleteRule] = useMutation(DeleteRoutingRuleMutation, { refetchQueries: [RoutingRulesQuery] });
  const communityName = (id: string | null) => (id ? (communities.find((c) => c.id === id)?.name ?? id) : t('admin.routing.allCommunities'));

  async function run(work: () => Promise<unknown>, done: string, after?: () => void) {
    try {
      await work();
      message.success(done);
      after?.();
    } catch (e) {
      message.error(t('app.error', { message: errorMessage(e) }));
    }
  }

  const current = editing && editing !== 'new' ? editing : null;
  return (
    <Card
      title={t('admin.routing.title')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="admin-new-routing-rule">
          {t('admin.routing.create')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('admin.routing.help')}</Typography.Paragraph>
      <Table
        rowKey="id"
        size="small"
        loading={rules.loading}
        dataSource={rules.data?.routingRules ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        data-testid="admin-routing-rules"
        columns={[
          { title: t('admin.routing.community'), render: (_: unknown, r: RuleRow) => communityName(r.communityId) },
          { title: t('admin.routing.category'), render: (_: unknown, r: RuleRow) => (r.category ? label('MatterCategory', r.category) : t('admin.routing.any')) },
          { title: t('admin.routing.riskFlag'), render: (_: unknown, r: RuleRow) => (r.riskFlag ? label('RiskFlag', r.riskFlag) : t('admin.routing.any')) },
          { title: t('admin.routing.scale'), render: (_: unknown, r: RuleRow) => (r.scale ? label('MatterScale', r.scale) : t('admin.routing.any')) },
          {
            title: t('admin.routing.kinds'),
            render: (_: unknown, r: RuleRow) => r.organizationKinds.map((k) => <Tag key={k}>{label('OrganizationKind', k)}</Tag>),
          },
          { title: t('admin.routing.note'), render: (_: unknown, r: RuleRow) => r.note ?? '' },
          {
            key: 'actions',
            render: (_: unknown, r: RuleRow) => (
              <Space>
                <Button size="small" onClick={() => setEditing(r)} data-testid={`routing-edit-${r.id}`}>
                  {t('admin.routing.edit')}
                </Button>
                <Popconfirm
                  title={t('admin.routing.confirmDelete')}
                  okText={t('admin.routing.delete')}
                  cancelText={t('admin.cancel')}
                  onConfirm={() => run(() => deleteRule({ variables: { id: r.id } }), t('admin.routing.deleted'))}
                >
                  <Button size="small" danger data-testid={`routing-delete-${r.id}`}>
                    {t('admin.routing.delete')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={!!editing}
        title={current ? t('admin.routing.edit') : t('admin.routing.create')}
        footer={null}
        onCancel={() => setEditing(null)}
        destroyOnHidden
      >
        <RoutingRuleForm
          communities={communities}
          initial={current ?? undefined}
          submitting={saveState.loading}
          onSubmit={(values) =>
            run(
              () => saveRule({ variables: { input: { ...values, id: current?.id ?? null } } }),
              t(current ? 'admin.routing.saved' : 'admin.routing.created'),
              () => setEditing(null),
            )
          }
        />
      </Modal>
    </Card>
  );
}
