import { useEffect, useId, useMemo, useState } from 'react';
import { Alert, Button, Checkbox, Form, Input, Radio, Select, Typography } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
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
  /** Photos to upload once the report is filed (the api gives one link per photo). */
  photos: File[];
}

interface FormValues extends Omit<PublicReportValues, 'consent'> {
  consent?: boolean;
}

interface Props {
  /** Offered only when the platform serves more than one community. */
  communities: { id: string; name: string; district: string | null }[];
  onSubmit(values: PublicReportValues): void | Promise<void>;
  submitting?: boolean;
  /** How many photos may be attached (0: the picker is not shown). */
  maxPhotos?: number;
}

const trimmed = (value: string | undefined) => value?.trim() || undefined;

/** 随时说事: only what the community needs to act, and the consent to use it. */
export function PublicReportForm({ communities, onSubmit, submitting, maxPhotos = 0 }: Props) {
  const { t } = useTranslation();
  const options = useEnumOptions();
  const [photos, setPhotos] = useState<File[]>([]);
  const [photoError, setPhotoError] = useState<string | null>(null);
  const pickerId = useId();
  const helpId = useId();
  // Previews from the phone's own files: nothing leaves the device before the report is sent.
  const previews = useMemo(() => photos.map((f) => URL.createObjectURL(f)), [photos]);
  useEffect(() => () => previews.forEach((u) => URL.revokeObjectURL(u)), [previews]);

  function pick(files: FileList | null) {
    if (!files) return;
    const chosen = [...files];
    // A first filter for the resident's sake; the api decides by content.
    const images = chosen.filter((f) => f.type.startsWith('image/'));
    const rejected = chosen.find((f) => !f.type.startsWith('image/'));
    const next = [...photos, ...images];
    setPhotoError(rejected ? t('lifecycle.public.notImage', { name: rejected.name }) : next.length > maxPhotos ? t('lifecycle.public.photosTooMany', { max: maxPhotos }) : null);
    setPhotos(next.slice(0, maxPhotos));
  }

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
          photos,
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
      {maxPhotos > 0 && (
        <div className="ant-form-item" data-testid="public-photos">
          <label htmlFor={pickerId} style={{ display: 'block', marginBottom: 8 }}>
            {t('lifecycle.public.photos')}
          </label>
          <Typography.Paragraph type="secondary" id={helpId} style={{ marginBottom: 8 }}>
            {t('lifecycle.public.photosHelp', { max: maxPhotos })}
          </Typography.Paragraph>
          <input
            id={pickerId}
            type="file"
            accept="image/*"
            multiple
            aria-describedby={helpId}
            disabled={photos.length >= maxPhotos}
            onChange={(e) => {
              pick(e.target.files);
              e.target.value = '';
            }}
            className="public-photo-input"
            data-testid="public-photo-input"
          />
          {photoError && (
            <Typography.Paragraph type="danger" role="alert" style={{ marginTop: 8 }} data-testid="public-photo-error">
              {photoError}
            </Typography.Paragraph>
          )}
          {photos.length > 0 && (
            <ul className="public-photo-previews" data-testid="public-photo-previews">
              {photos.map((f, i) => (
                <li key={previews[i]} data-testid="public-photo-preview">
                  <img src={previews[i]} alt={t('lifecycle.public.photoAlt', { n: i + 1, name: f.name })} width={96} height={96} />
                  <Button
                    size="small"
                    icon={<DeleteOutlined />}
                    aria-label={t('lifecycle.public.removePhoto', { name: f.name })}
                    onClick={() => {
                      setPhotos(photos.filter((_, j) => j !== i));
                      setPhotoError(null);
                    }}
                  />
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
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
