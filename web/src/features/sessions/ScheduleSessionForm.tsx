import { AutoComplete, Button, DatePicker, Form, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { OrganizationKind } from '../../gql/graphql';
import { useEnumLabel } from '../../ui/labels';

export interface ScheduleValues {
  startsAt: string;
  venue: string;
  organizationIds: string[];
  agenda?: string;
}

interface FormValues {
  startsAt: Dayjs;
  venue: string;
  organizationIds: string[];
  agenda?: string;
}

interface Props {
  /** The organizations that accepted an invitation for this matter — all pre-selected. */
  organizations: { id: string; name: string; kind: OrganizationKind }[];
  onSubmit(values: ScheduleValues): void | Promise<void>;
  submitting?: boolean;
}

export function ScheduleSessionForm({ organizations, onSubmit, submitting }: Props) {
  const { t } = useTranslation();
  const label = useEnumLabel();
  const venues = ['hall', 'pavilion', 'office'].map((key) => {
    const name = t(`lifecycle.session.venues.${key}`);
    // The stored venue is the Chinese place name, whatever the interface language.
    const value = name.split(' (')[0]!;
    return { value, label: name };
  });

  return (
    <Form<FormValues>
      layout="vertical"
      data-testid="schedule-form"
      initialValues={{
        organizationIds: organizations.map((org) => org.id),
        startsAt: dayjs().add(1, 'day').hour(9).startOf('hour'),
      }}
      onFinish={(values) =>
        onSubmit({
          startsAt: values.startsAt.toISOString(),
          venue: values.venue.trim(),
          organizationIds: values.organizationIds,
          agenda: values.agenda?.trim() || undefined,
        })
      }
    >
      <Form.Item
        name="startsAt"
        label={t('lifecycle.session.startsAt')}
        rules={[
          { required: true, message: t('lifecycle.session.v.startsAtRequired') },
          {
            validator: (_, value: Dayjs | undefined) =>
              !value || value.isAfter(dayjs().subtract(1, 'minute'))
                ? Promise.resolve()
                : Promise.reject(new Error(t('lifecycle.session.v.startsAtPast'))),
          },
        ]}
      >
        <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" data-testid="schedule-starts-at" />
      </Form.Item>
      <Form.Item
        name="venue"
        label={t('lifecycle.session.venue')}
        rules={[{ required: true, whitespace: true, message: t('lifecycle.session.v.venueRequired') }]}
      >
        <AutoComplete options={venues} placeholder={t('lifecycle.session.venuePlaceholder')} data-testid="schedule-venue" />
      </Form.Item>
      <Form.Item
        name="organizationIds"
        label={t('lifecycle.session.organizations')}
        rules={[{ required: true, type: 'array', min: 1, message: t('lifecycle.session.v.organizationsRequired') }]}
      >
        <Select
          mode="multiple"
          data-testid="schedule-organizations"
          optionFilterProp="label"
          options={organizations.map((org) => ({ value: org.id, label: `${org.name}（${label('OrganizationKind', org.kind)}）` }))}
        />
      </Form.Item>
      <Form.Item name="agenda" label={t('lifecycle.session.agenda')}>
        <Input.TextArea rows={3} data-testid="schedule-agenda" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={submitting} data-testid="schedule-submit">
        {t('lifecycle.session.submit')}
      </Button>
    </Form>
  );
}
