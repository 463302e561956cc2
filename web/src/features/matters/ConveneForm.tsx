import { Button, DatePicker, Form, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { OrganizationKind } from '../../gql/graphql';
import { useEnumLabel } from '../../ui/labels';

export interface ConveneValues {
  organizationIds: string[];
  message: string;
  respondBy: string;
}

interface FormValues {
  organizationIds: string[];
  message: string;
  respondBy: Dayjs;
}

interface Props {
  organizations: { id: string; name: string; kind: OrganizationKind }[];
  /** Pre-selected: the agencies the assessment suggested. */
  suggestedIds: string[];
  onSubmit(values: ConveneValues): void | Promise<void>;
  submitting?: boolean;
}

export function ConveneForm({ organizations, suggestedIds, onSubmit, submitting }: Props) {
  const { t } = useTranslation();
  const label = useEnumLabel();

  return (
    <Form<FormValues>
      layout="vertical"
      data-testid="convene-form"
      initialValues={{ organizationIds: suggestedIds, respondBy: dayjs().add(2, 'day').startOf('hour') }}
      onFinish={(values) =>
        onSubmit({
          organizationIds: values.organizationIds,
          message: values.message.trim(),
          respondBy: values.respondBy.toISOString(),
        })
      }
    >
      <Form.Item
        name="organizationIds"
        label={t('convene.organizations')}
        rules={[{ required: true, type: 'array', min: 1, message: t('convene.v.organizationsRequired') }]}
      >
        <Select
          mode="multiple"
          data-testid="convene-organizations"
          optionFilterProp="label"
          options={organizations
            .filter((org) => org.kind !== 'COMMUNITY')
            .map((org) => ({ value: org.id, label: `${org.name}（${label('OrganizationKind', org.kind)}）` }))}
        />
      </Form.Item>
      <Form.Item
        name="message"
        label={t('convene.message')}
        rules={[{ required: true, whitespace: true, message: t('convene.v.messageRequired') }]}
      >
        <Input.TextArea rows={3} data-testid="convene-message" />
      </Form.Item>
      <Form.Item
        name="respondBy"
        label={t('convene.respondBy')}
        rules={[
          { required: true, message: t('convene.v.respondByRequired') },
          {
            validator: (_, value: Dayjs | undefined) =>
              !value || value.isAfter(dayjs()) ? Promise.resolve() : Promise.reject(new Error(t('convene.v.respondByPast'))),
          },
        ]}
      >
        <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" data-testid="convene-respond-by" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={submitting} data-testid="convene-submit">
        {t('convene.submit')}
      </Button>
    </Form>
  );
}
