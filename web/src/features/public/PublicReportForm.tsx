import { Alert, Button, Checkbox, Form, Input, Radio, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MatterCategory, MatterKind } from '../../gql/graphql';
import { useEnumOptions } from '../../ui/labels';
import { PHONE_PATTERN } from '../matters/validation';

export interface PublicReportValues {
  communityId?: string;
  kind: MatterKind;
  category: MatterCategory;
  location?: string;
  description: string;
  name?: string;
  phone?: string;
  consent: true;
}

interface FormValues extends Omit<PublicReportValues, 'consent'> {
  consent?: boolean;
}

interface Props {
  /** Offered only when the platform serves more than one community. */
  communities: { id: string; name: string; district: string | null }[];
  onSubmit(values: PublicReportValues): void | Promise<void>;
  submitting?: boolean;
}

const trimmed = (value: string | undefined) => value?.trim() || undefined;

/** 随时说事: only what the community needs to act, and the consent to use it. */
export function PublicReportForm({ communities, onSubmit, submitting }: Props) {
  const { t } = useTranslation();
  const options = useEnumOptions();

  return (
    <Form<FormValues>
      layout="vertical"
      data-testid="public-report-form"
      initialValues={{ kind: 'DEMAND' }}
      onFinish={(values) =>
        onSubmit({
          // One community: not asked, but named, so the report cannot land elsewhere.
          communityId: values.communityId ?? (communities.length === 1 ? communities[0]!.id : undefined),
          kind: values.kind,
          category: values.category,
          location: trimmed(values.location),
          description: values.description.trim(),
          name: trimmed(values.name),
          phone: trimmed(values.phone),
          consent: true,
        })
      }
    >
      {communities.length > 1 && (
        <Form.Item name="communityId" label={t('lifecycle.public.community')}>
          <Select
            data-testid="public-community"
            options={communities.map((c) => ({ value: c.id, label: c.district ? `${c.district} · ${c.name}` : c.name }))}
          />
        </Form.Item>
      )}
      <Form.Item name="kind" label={t('lifecycle.public.kind')}>
        <Radio.Group optionType="button" options={options('MatterKind')} data-testid="public-kind" />
      </Form.Item>
      <Form.Item name="category" label={t('lifecycle.public.category')} rules={[{ required: true, message: t('lifecycle.public.v.categoryRequired') }]}>
        <Select options={options('MatterCategory')} data-testid="public-category" />
      </Form.Item>
      <Form.Item name="location" label={t('lifecycle.public.location')}>
        <Input placeholder={t('lifecycle.public.locationPlaceholder')} maxLength={100} data-testid="public-location" />
      </Form.Item>
      <Form.Item
        name="description"
        label={t('lifecycle.public.description')}
        rules={[
          { required: true, whitespace: true, message: t('lifecycle.public.v.descriptionRequired') },
          { min: 10, message: t('lifecycle.public.v.descriptionTooShort') },
        ]}
      >
        <Input.TextArea rows={5} maxLength={2000} showCount placeholder={t('lifecycle.public.descriptionPlaceholder')} data-testid="public-description" />
      </Form.Item>
      <Form.Item name="name" label={t('lifecycle.public.name')}>
        <Input maxLength={50} autoComplete="name" data-testid="public-name" />
      </Form.Item>
      <Form.Item name="phone" label={t('lifecycle.public.phone')} rules={[{ pattern: PHONE_PATTERN, message: t('lifecycle.public.v.phoneInvalid') }]}>
        <Input inputMode="tel" autoComplete="tel" data-testid="public-phone" />
      </Form.Item>
      <Alert type="info" title={t('lifecycle.public.consentTitle')} description={t('lifecycle.public.consentText')} style={{ marginBottom: 12 }} data-testid="public-consent-text" />
      <Form.Item
        name="consent"
        valuePropName="checked"
        rules={[{ validator: (_, value: boolean | undefined) => (value ? Promise.resolve() : Promise.reject(new Error(t('lifecycle.public.v.consentRequired')))) }]}
      >
        <Checkbox data-testid="public-consent">{t('lifecycle.public.consent')}</Checkbox>
      </Form.Item>
      <Button type="primary" htmlType="submit" block size="large" loading={submitting} data-testid="public-submit">
        {t('lifecycle.public.submit')}
      </Button>
    </Form>
  );
}
