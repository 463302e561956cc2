import { Button, DatePicker, Form, Input, InputNumber, Select, Space } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { CommunityActivityKind, OrganizationKind } from '../../gql/graphql';
import { useEnumLabel } from '../../ui/labels';

export const ACTIVITY_KINDS: CommunityActivityKind[] = ['LAW_EXPLANATION', 'DELIBERATION', 'PUBLICITY'];

type Option = { value: string; label: string };

export interface ActivityValues {
  kind: CommunityActivityKind;
  title: string;
  heldAt: string;
  venue: string;
  hostOrganizationId?: string;
  partnerOrganizationIds: string[];
  agenda?: string;
  matterIds: string[];
}

interface ActivityFormValues extends Omit<ActivityValues, 'heldAt'> {
  heldAt: Dayjs;
}

interface ActivityFormProps {
  organizations: { id: string; name: string; kind: OrganizationKind }[];
  matters: Option[];
  /** A plan to start from (built from agenda suggestions), or — when editing — the activity as it is. */
  initial?: Partial<ActivityValues>;
  /** 'edit': changes to a planned activity; an emptied agenda is sent as '' (clear it). */
  mode?: 'create' | 'edit';
  onSubmit(values: ActivityValues): void | Promise<void>;
  submitting?: boolean;
}

/** 安排以案释法 / 定期议事 / 普法宣传, or change one that has not taken place yet. */
export function ActivityForm({ organizations, matters, initial, mode = 'create', onSubmit, submitting }: ActivityFormProps) {
  const { t } = useTranslation();
  const label = useEnumLabel();
  const orgOptions = organizations.map((org) => ({ value: org.id, label: `${org.name}（${label('OrganizationKind', org.kind)}）` }));
  const community = organizations.find((org) => org.kind === 'COMMUNITY');
  const editing = mode === 'edit';

  return (
    <Form<ActivityFormValues>
      layout="vertical"
      data-testid={editing ? 'activity-edit-form' : 'activity-form'}
      initialValues={{
        hostOrganizationId: community?.id,
        partnerOrganizationIds: [],
        matterIds: [],
        ...initial,
        heldAt: initial?.heldAt ? dayjs(initial.heldAt) : dayjs().add(7, 'day').hour(14).startOf('hour'),
      }}
      onFinish={(values) =>
        onSubmit({
          kind: values.kind,
          title: values.title.trim(),
          heldAt: values.heldAt.toISOString(),
          venue: values.venue.trim(),
          hostOrganizationId: values.hostOrganizationId,
          partnerOrganizationIds: values.partnerOrganizationIds ?? [],
          agenda: values.agenda?.trim() || (editing ? '' : undefined),
          matterIds: values.matterIds ?? [],
        })
      }
    >
      <Form.Item name="kind" label={t('lifecycle.activities.kind')} rules={[{ required: true, message: t('lifecycle.activities.v.kindRequired') }]}>
        <Select
          data-testid="activity-kind"
          options={ACTIVITY_KINDS.map((value) => ({ value, label: t(`lifecycle.enums.CommunityActivityKind.${value}`) }))}
        />
      </Form.Item>
      <Form.Item
        name="title"
        label={t('lifecycle.activities.name')}
        rules={[
          { required: true, whitespace: true, message: t('lifecycle.activities.v.titleRequired') },
          { validator: (_, value?: string) => (!value?.trim() || value.trim().length >= 2 ? Promise.resolve() : Promise.reject(new Error(t('lifecycle.activities.v.titleLength')))) },
        ]}
      >
        <Input maxLength={100} data-testid="activity-title" />
      </Form.Item>
      <Space wrap align="start">
        <Form.Item name="heldAt" label={t('lifecycle.activities.heldAt')} rules={[{ required: true, message: t('lifecycle.activities.v.heldAtRequired') }]}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" data-testid="activity-held-at" />
        </Form.Item>
        <Form.Item name="venue" label={t('lifecycle.activities.venue')} rules={[{ required: true, whitespace: true, message: t('lifecycle.activities.v.venueRequired') }]}>
          <Input maxLength={100} placeholder={t('lifecycle.session.venuePlaceholder')} style={{ width: 220 }} data-testid="activity-venue" />
        </Form.Item>
      </Space>
      <Form.Item name="hostOrganizationId" label={t('lifecycle.activities.host')}>
        <Select options={orgOptions} data-testid="activity-host" />
      </Form.Item>
      <Form.Item name="partnerOrganizationIds" label={t('lifecycle.activities.partners')}>
        <Select mode="multiple" optionFilterProp="label" options={orgOptions} data-testid="activity-partners" />
      </Form.Item>
      <Form.Item name="matterIds" label={t('lifecycle.activities.matters')}>
        <Select mode="multiple" optionFilterProp="label" options={matters} data-testid="activity-matters" />
      </Form.Item>
      <Form.Item name="agenda" label={t('lifecycle.activities.agenda')}>
        <Input.TextArea rows={4} data-testid="activity-agenda" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={submitting} data-testid="activity-submit">
        {editing ? t('lifecycle.activities.save') : t('lifecycle.activities.create')}
      </Button>
    </Form>
  );
}

export interface RecordActivityValues {
  attendance: number;
  minutes: string;
  decisions: { text: string; matterIds: string[] }[];
}

interface RecordProps {
  matters: Option[];
  onSubmit(values: RecordActivityValues): void | Promise<void>;
  submitting?: boolean;
}

/** 记录活动情况: attendance, minutes and — for a deliberation — decisions linked to matters. */
export function RecordActivityForm({ matters, onSubmit, submitting }: RecordProps) {
  const { t } = useTranslation();
  return (
    <Form<{ attendance: number; minutes: string; decisions?: { text?: string; matterIds?: string[] }[] }>
      layout="vertical"
      data-testid="record-activity-form"
      initialValues={{ decisions: [] }}
      onFinish={(values) =>
        onSubmit({
          attendance: values.attendance,
          minutes: values.minutes.trim(),
          decisions: (values.decisions ?? []).map((d) => ({ text: (d.text ?? '').trim(), matterIds: d.matterIds ?? [] })),
        })
      }
    >
      <Form.Item name="attendance" label={t('lifecycle.activities.attendance')} rules={[{ required: true, message: t('lifecycle.activities.v.attendanceRequired') }]}>
        <InputNumber min={0} max={100000} precision={0} data-testid="record-attendance" />
      </Form.Item>
      <Form.Item name="minutes" label={t('lifecycle.activities.minutes')} rules={[{ required: true, whitespace: true, message: t('lifecycle.activities.v.minutesRequired') }]}>
        <Input.TextArea rows={4} data-testid="record-minutes" />
      </Form.Item>
      <Form.List name="decisions">
        {(fields, { add, remove }) => (
          <Form.Item label={t('lifecycle.activities.decisions')}>
            <Space orientation="vertical" style={{ width: '100%' }}>
              {fields.map((field, index) => (
                <Space key={field.key} align="start" wrap style={{ width: '100%' }}>
                  <Form.Item
                    name={[field.name, 'text']}
                    rules={[{ required: true, whitespace: true, message: t('lifecycle.activities.v.decisionRequired') }]}
                    style={{ marginBottom: 0, minWidth: 260 }}
                  >
                    <Input placeholder={t('lifecycle.activities.decisionText')} data-testid={`decision-${index}-text`} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'matterIds']} style={{ marginBottom: 0, minWidth: 260 }}>
                    <Select mode="multiple" optionFilterProp="label" placeholder={t('lifecycle.activities.decisionMatters')} options={matters} />
                  </Form.Item>
                  <Button type="text" danger icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} aria-label={t('lifecycle.activities.remove')} />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ matterIds: [] })} data-testid="add-decision">
                {t('lifecycle.activities.addDecision')}
              </Button>
            </Space>
          </Form.Item>
        )}
      </Form.List>
      <Button type="primary" htmlType="submit" loading={submitting} data-testid="record-submit">{t('lifecycle.activities.record')}</Button>
    </Form>
  );
}
