import { App, Button, Card, DatePicker, Form, Input, Modal, Space } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@apollo/client/react';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { CorrectSessionOutcomeMutation, MatterLifecycleQuery } from '../../graphql/lifecycle.operations';
import { formatDate, formatDateTime } from '../../i18n';
import { errorMessage } from '../../ui/errors';
import { blockEnterSubmit, useStageConfirm } from '../../ui/stage';
import { AMOUNT_PATTERN, normaliseAmount } from '../matters/validation';

interface Term {
  description: string;
  amount?: string | null;
  dueAt?: string | null;
}

interface FormValues {
  minutes: string;
  reason: string;
  terms?: { description?: string; amount?: string; dueAt?: Dayjs | null }[];
}

/**
 * 更正调解结果: within the correction period the coordinator fixes the minutes and the terms
 * (a term left out, a wrong amount or date), with a reason; the old text stays on the timeline.
 */
export function CorrectOutcomeDialog({ sessionId, minutes, terms, until, onClose }: { sessionId: string; minutes: string; terms: Term[]; until: string; onClose(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const confirmStage = useStageConfirm();
  const [form] = Form.useForm<FormValues>();
  const [correct, { loading }] = useMutation(CorrectSessionOutcomeMutation, { refetchQueries: [MatterLifecycleQuery] });

  async function review() {
    let values: FormValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const next = (values.terms ?? []).map((term) => ({
      description: (term.description ?? '').trim(),
      amount: term.amount?.trim() ? normaliseAmount(term.amount) : undefined,
      dueAt: term.dueAt ? term.dueAt.endOf('day').toISOString() : undefined,
    }));
    confirmStage(
      t('lifecycle.session.correct'),
      <Space orientation="vertical" size={4}>
        <span>{t('lifecycle.session.correctReason')}{t('app.colon')}{values.reason.trim()}</span>
        <span>{next.length ? t('lifecycle.stage.terms', { count: next.length }) : t('lifecycle.stage.noTerms')}</span>
        <ol style={{ margin: 0, paddingInlineStart: 20 }}>
          {next.map((term, i) => (
            <li key={i}>
              {term.description}
              {term.amount ? t('lifecycle.stage.amount', { amount: term.amount }) : ''}
              {term.dueAt ? t('lifecycle.stage.due', { date: formatDate(term.dueAt) }) : ''}
            </li>
          ))}
        </ol>
      </Space>,
      async () => {
        try {
          await correct({ variables: { input: { sessionId, minutes: values.minutes.trim(), reason: values.reason.trim(), terms: next } } });
          message.success(t('lifecycle.session.corrected'));
          onClose();
        } catch (e) {
          message.error(t('app.error', { message: errorMessage(e) }));
        }
      },
    );
  }

  return (
    <Modal open title={t('lifecycle.session.correct')} onCancel={onClose} footer={null} width={720} destroyOnHidden>
      <Form<FormValues>
        form={form}
        layout="vertical"
        data-testid="correct-outcome-form"
        onKeyDown={blockEnterSubmit}
        onFinish={() => void review()}
        initialValues={{ minutes, terms: terms.map((term) => ({ description: term.description, amount: term.amount ?? undefined, dueAt: term.dueAt ? dayjs(term.dueAt) : null })) }}
      >
        <p style={{ color: '#8c8c8c' }}>{t('lifecycle.session.correctUntil', { time: formatDateTime(until) })}</p>
        <Form.Item name="minutes" label={t('lifecycle.session.minutes')} rules={[{ required: true, whitespace: true, message: t('lifecycle.session.v.minutesRequired') }]}>
          <Input.TextArea rows={4} data-testid="correct-minutes" />
        </Form.Item>
        <Form.List name="terms">
          {(fields, { add, remove }) => (
            <Form.Item label={t('lifecycle.session.terms')}>
              <Space orientation="vertical" style={{ width: '100%' }}>
                {fields.map((field, index) => (
                  <Card key={field.key} size="small" extra={<Button type="text" danger icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} />}>
                    <Form.Item name={[field.name, 'description']} rules={[{ required: true, whitespace: true, message: t('lifecycle.session.v.termDescriptionRequired') }]}>
                      <Input.TextArea rows={2} data-testid={`correct-term-${index}-description`} />
                    </Form.Item>
                    <Space wrap>
                      <Form.Item name={[field.name, 'amount']} label={t('lifecycle.session.termAmount')} rules={[{ pattern: AMOUNT_PATTERN, message: t('lifecycle.session.v.amountInvalid') }]}>
                        <Input inputMode="decimal" style={{ width: 180 }} data-testid={`correct-term-${index}-amount`} />
                      </Form.Item>
                      <Form.Item name={[field.name, 'dueAt']} label={t('lifecycle.session.termDueAt')}>
                        <DatePicker />
                      </Form.Item>
                    </Space>
                  </Card>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} data-testid="correct-add-term">
                  {t('lifecycle.session.addTerm')}
                </Button>
              </Space>
            </Form.Item>
          )}
        </Form.List>
        <Form.Item name="reason" label={t('lifecycle.session.correctReason')} rules={[{ required: true, whitespace: true, message: t('lifecycle.session.correctReason') }]}>
          <Input data-testid="correct-reason" />
        </Form.Item>
        <Button type="primary" htmlType="button" loading={loading} onClick={() => void review()} data-testid="correct-submit">
          {t('lifecycle.session.correct')}
        </Button>
      </Form>
    </Modal>
  );
}
