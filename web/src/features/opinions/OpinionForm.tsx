import { Button, Form, Input, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OpinionKind } from '../../gql/graphql';

/** The api's limit, in characters after trimming. */
export const OPINION_MAX_LENGTH = 2000;
const KINDS: OpinionKind[] = ['LEGAL_OPINION', 'SUGGESTION'];

export interface OpinionValues {
  kind: OpinionKind;
  body: string;
}

interface Props {
  defaultKind?: OpinionKind;
  /** Resolves to true once saved: the form is then cleared for the next opinion. */
  onSubmit(values: OpinionValues): Promise<boolean> | boolean;
  submitting?: boolean;
}

export function OpinionForm({ defaultKind = 'SUGGESTION', onSubmit, submitting }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<OpinionValues>();

  return (
    <Form<OpinionValues>
      form={form}
      layout="vertical"
      data-testid="opinion-form"
      initialValues={{ kind: defaultKind, body: '' }}
      onFinish={async (values) => {
        if (await onSubmit({ kind: values.kind, body: values.body.trim() })) form.resetFields();
      }}
    >
      <Form.Item name="kind" label={t('opinions.kind')}>
        <Radio.Group
          optionType="button"
          data-testid="opinion-kind"
          options={KINDS.map((kind) => ({ value: kind, label: t(`enums.OpinionKind.${kind}`) }))}
        />
      </Form.Item>
      <Form.Item
        name="body"
        label={t('opinions.body')}
        rules={[
          { required: true, whitespace: true, message: t('opinions.v.bodyRequired') },
          {
            validator: (_, value: string | undefined) =>
              (value ?? '').trim().length <= OPINION_MAX_LENGTH
                ? Promise.resolve()
                : Promise.reject(new Error(t('opinions.v.bodyTooLong', { max: OPINION_MAX_LENGTH }))),
          },
        ]}
      >
        <Input.TextArea rows={3} showCount maxLength={OPINION_MAX_LENGTH} placeholder={t('opinions.bodyPlaceholder')} data-testid="opinion-body" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={submitting} data-testid="opinion-submit">
        {t('opinions.submit')}
      </Button>
    </Form>
  );
}
