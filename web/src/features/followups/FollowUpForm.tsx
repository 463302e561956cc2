import { Alert, Button, Form, Input, Radio, Rate } from 'antd';
import { useTranslation } from 'react-i18next';

export interface FollowUpValues {
  agreementFulfilled: boolean;
  satisfaction: number;
  notes?: string;
}

interface FormValues {
  agreementFulfilled?: boolean;
  satisfaction?: number;
  notes?: string;
}

interface Props {
  onSubmit(values: FollowUpValues): void | Promise<void>;
  submitting?: boolean;
}

/** 回访: was the agreement fulfilled, how satisfied (1–5), what was found. */
export function FollowUpForm({ onSubmit, submitting }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<FormValues>();
  const fulfilled = Form.useWatch('agreementFulfilled', form);

  return (
    <Form<FormValues>
      form={form}
      layout="vertical"
      data-testid="follow-up-form"
      onFinish={(values) =>
        onSubmit({
          agreementFulfilled: values.agreementFulfilled === true,
          satisfaction: values.satisfaction ?? 0,
          notes: values.notes?.trim() || undefined,
        })
      }
    >
      <Form.Item
        name="agreementFulfilled"
        label={t('lifecycle.followUp.fulfilled')}
        rules={[{ required: true, message: t('lifecycle.followUp.v.fulfilledRequired') }]}
      >
        <Radio.Group data-testid="follow-up-fulfilled">
          <Radio value={true} data-testid="follow-up-fulfilled-yes">{t('lifecycle.followUp.fulfilledYes')}</Radio>
          <Radio value={false} data-testid="follow-up-fulfilled-no">{t('lifecycle.followUp.fulfilledNo')}</Radio>
        </Radio.Group>
      </Form.Item>
      {fulfilled === false && (
        <Alert type="warning" showIcon title={t('lifecycle.followUp.reopenWarning')} style={{ marginBottom: 16 }} data-testid="reopen-warning" />
      )}
      <Form.Item
        name="satisfaction"
        label={t('lifecycle.followUp.satisfaction')}
        rules={[{ required: true, type: 'number', min: 1, max: 5, message: t('lifecycle.followUp.v.satisfactionRequired') }]}
      >
        <Rate data-testid="follow-up-satisfaction" />
      </Form.Item>
      <Form.Item name="notes" label={t('lifecycle.followUp.notes')}>
        <Input.TextArea rows={3} data-testid="follow-up-notes" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={submitting} data-testid="follow-up-submit">
        {t('lifecycle.followUp.submit')}
      </Button>
    </Form>
  );
}
