import { Alert, Button, Card, Form, Input, Radio, Rate, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../i18n';
import { blockEnterSubmit, useStageConfirm } from '../../ui/stage';

export interface FollowUpValues {
  agreementFulfilled: boolean;
  satisfaction: number;
  notes?: string;
  termsPerformed: string[];
  termsWaived: { termId: string; reason: string }[];
}

/** A term of the agreement still open: the visit says whether it was performed or waived. */
export interface OpenTerm {
  id: string;
  description: string;
  amount?: string | null;
  dueAt?: string | null;
}

type Settlement = { how?: 'PERFORMED' | 'WAIVED'; reason?: string };

interface FormValues {
  agreementFulfilled?: boolean;
  satisfaction?: number;
  notes?: string;
  settle?: Record<string, Settlement>;
}

interface Props {
  openTerms?: OpenTerm[];
  onSubmit(values: FollowUpValues): void | Promise<void>;
  submitting?: boolean;
}

/**
 * 回访: was the agreement fulfilled, how satisfied (1–5), what was found. Closing needs every open
 * term performed or waived with a reason; a confirmation shows what will be recorded.
 */
export function FollowUpForm({ openTerms = [], onSubmit, submitting }: Props) {
  const { t } = useTranslation();
  const confirmStage = useStageConfirm();
  const [form] = Form.useForm<FormValues>();
  const fulfilled = Form.useWatch('agreementFulfilled', form);
  const settle = Form.useWatch('settle', form) as Record<string, Settlement> | undefined;
  const closing = fulfilled === true;

  async function review() {
    let values: FormValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const decisions = closing ? openTerms.map((term) => ({ term, ...(values.settle?.[term.id] ?? {}) })) : [];
    const result: FollowUpValues = {
      agreementFulfilled: values.agreementFulfilled === true,
      satisfaction: values.satisfaction ?? 0,
      notes: values.notes?.trim() || undefined,
      termsPerformed: decisions.filter((d) => d.how === 'PERFORMED').map((d) => d.term.id),
      termsWaived: decisions.filter((d) => d.how === 'WAIVED').map((d) => ({ termId: d.term.id, reason: (d.reason ?? '').trim() })),
    };
    confirmStage(
      t('lifecycle.stage.followUpTitle'),
      <Space orientation="vertical" size={4}>
        <strong>{t(result.agreementFulfilled ? 'lifecycle.stage.closes' : 'lifecycle.stage.reopens')}</strong>
        <span>
          {t(result.agreementFulfilled ? 'lifecycle.followUp.fulfilledYes' : 'lifecycle.followUp.fulfilledNo')} · {t('lifecycle.followUp.satisfaction')} {result.satisfaction}/5
        </span>
        {decisions.map((d) => (
          <span key={d.term.id}>
            {d.how === 'WAIVED'
              ? t('lifecycle.stage.waived', { description: d.term.description, reason: (d.reason ?? '').trim() })
              : t('lifecycle.stage.performed', { description: d.term.description })}
          </span>
        ))}
        {result.notes && <span>{result.notes}</span>}
      </Space>,
      () => onSubmit(result),
    );
  }

  return (
    <Form<FormValues> form={form} layout="vertical" data-testid="follow-up-form" onKeyDown={blockEnterSubmit} onFinish={() => void review()}>
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
      {closing && openTerms.length > 0 && (
        <Form.Item label={t('lifecycle.followUp.termsTitle')} extra={t('lifecycle.followUp.termsHelp')}>
          <Space orientation="vertical" style={{ width: '100%' }}>
            {openTerms.map((term) => (
              <Card key={term.id} size="small" data-testid={`settle-${term.id}`}>
                <Typography.Text>
                  {term.description}
                  {term.amount ? ` · ¥${term.amount}` : ''}
                  {term.dueAt ? ` · ${formatDate(term.dueAt)}` : ''}
                </Typography.Text>
                <Form.Item name={['settle', term.id, 'how']} rules={[{ required: true, message: t('lifecycle.followUp.v2.settleRequired') }]} style={{ marginBottom: 8 }}>
                  <Radio.Group>
                    <Radio value="PERFORMED" data-testid={`settle-${term.id}-performed`}>{t('lifecycle.followUp.termPerformed')}</Radio>
                    <Radio value="WAIVED" data-testid={`settle-${term.id}-waived`}>{t('lifecycle.followUp.termWaived')}</Radio>
                  </Radio.Group>
                </Form.Item>
                {settle?.[term.id]?.how === 'WAIVED' && (
                  <Form.Item
                    name={['settle', term.id, 'reason']}
                    label={t('lifecycle.followUp.waiveReason')}
                    rules={[{ required: true, whitespace: true, message: t('lifecycle.followUp.v2.reasonRequired') }]}
                    style={{ marginBottom: 0 }}
                  >
                    <Input data-testid={`settle-${term.id}-reason`} />
                  </Form.Item>
                )}
              </Card>
            ))}
          </Space>
        </Form.Item>
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
      <Button type="primary" htmlType="button" onClick={() => void review()} loading={submitting} data-testid="follow-up-submit">
        {t('lifecycle.followUp.submit')}
      </Button>
    </Form>
  );
}
