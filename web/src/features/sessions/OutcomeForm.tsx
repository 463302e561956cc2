import { Button, Card, Checkbox, DatePicker, Form, Input, Select, Space } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { formatDate, formatDateTime } from '../../i18n';
import { blockEnterSubmit, useStageConfirm } from '../../ui/stage';
import { useTranslation } from 'react-i18next';
import type { OrganizationKind, SessionOutcome } from '../../gql/graphql';
import { AMOUNT_PATTERN, normaliseAmount } from '../matters/validation';

export const SESSION_OUTCOMES: SessionOutcome[] = ['AGREEMENT', 'PARTIAL_AGREEMENT', 'NO_AGREEMENT', 'ADJOURNED'];

export interface OutcomeValues {
  outcome: SessionOutcome;
  minutes: string;
  attendees: string[];
  attendedOrganizationIds: string[];
  terms: { description: string; amount?: string; dueAt?: string }[];
  /** When the session actually took place, if it was recorded before its planned start. */
  heldAt?: string;
}

interface TermFields {
  description?: string;
  amount?: string;
  dueAt?: Dayjs | null;
}

interface FormValues {
  outcome: SessionOutcome;
  minutes: string;
  attendees?: string[];
  attendedOrganizationIds?: string[];
  terms?: TermFields[];
  heldAt?: Dayjs | null;
}

interface Props {
  /** The session's planned start: before it, the form asks when it actually took place. */
  startsAt: string;
  /** Convened organizations: those present can be ticked. */
  organizations: { id: string; name: string; kind: OrganizationKind }[];
  initialAttendees?: string[];
  initialAttendedOrganizationIds?: string[];
  onSubmit(values: OutcomeValues): void | Promise<void>;
  submitting?: boolean;
}

/** 记录调解结果: outcome, minutes, who attended and — for an agreement — its terms. */
export function OutcomeForm({ startsAt, organizations, initialAttendees, initialAttendedOrganizationIds, onSubmit, submitting }: Props) {
  const { t } = useTranslation();
  const confirmStage = useStageConfirm();
  const [form] = Form.useForm<FormValues>();
  const outcome = Form.useWatch('outcome', form);
  const withTerms = outcome === 'AGREEMENT' || outcome === 'PARTIAL_AGREEMENT';
  // An outcome cannot precede its session; 延期 (adjourned) may be decided beforehand.
  const early = dayjs(startsAt).isAfter(dayjs()) && outcome !== 'ADJOURNED';

  function valuesOf(values: FormValues): OutcomeValues {
    return {
      outcome: values.outcome,
      minutes: values.minutes.trim(),
      attendees: (values.attendees ?? []).map((a) => a.trim()).filter(Boolean),
      attendedOrganizationIds: values.attendedOrganizationIds ?? [],
      terms: withTerms
        ? (values.terms ?? []).map((term) => ({
            description: (term.description ?? '').trim(),
            amount: term.amount?.trim() ? normaliseAmount(term.amount) : undefined,
            dueAt: term.dueAt ? term.dueAt.endOf('day').toISOString() : undefined,
          }))
        : [],
      ...(early && values.heldAt ? { heldAt: values.heldAt.toISOString() } : {}),
    };
  }

  async function review() {
    let values: FormValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const v = valuesOf(values);
    const excerpt = v.minutes.length > 80 ? `${v.minutes.slice(0, 80)}…` : v.minutes;
    confirmStage(
      t('lifecycle.stage.outcomeTitle'),
      <Space orientation="vertical" size={4}>
        <strong>{t('lifecycle.stage.outcome', { outcome: t(`enums.SessionOutcome.${v.outcome}`) })}</strong>
        {v.heldAt && <span data-testid="stage-held-at">{t('lifecycle.stage.heldAt', { time: formatDateTime(v.heldAt) })}</span>}
        <span>{t('lifecycle.stage.attendees', { count: v.attendees.length, organizations: v.attendedOrganizationIds.length })}</span>
        <span>{t('lifecycle.stage.minutes', { excerpt })}</span>
        {withTerms && (
          <>
            <span>{v.terms.length ? t('lifecycle.stage.terms', { count: v.terms.length }) : t('lifecycle.stage.noTerms')}</span>
            <ol style={{ margin: 0, paddingInlineStart: 20 }} data-testid="stage-terms">
              {v.terms.map((term, i) => (
                <li key={i}>
                  {term.description}
                  {term.amount ? t('lifecycle.stage.amount', { amount: term.amount }) : ''}
                  {term.dueAt ? t('lifecycle.stage.due', { date: formatDate(term.dueAt) }) : ''}
                </li>
              ))}
            </ol>
          </>
        )}
        <span style={{ color: '#8c8c8c' }}>{t('lifecycle.stage.irreversible')}</span>
      </Space>,
      () => onSubmit(v),
    );
  }

  return (
    <Form<FormValues>
      form={form}
      layout="vertical"
      data-testid="outcome-form"
      initialValues={{
        attendees: initialAttendees ?? [],
        attendedOrganizationIds: initialAttendedOrganizationIds ?? organizations.map((org) => org.id),
        terms: [],
        // Recorded before the planned start: the session was held earlier, by default just now.
        heldAt: dayjs().startOf('minute'),
      }}
      onKeyDown={blockEnterSubmit}
      onFinish={() => void review()}
    >
      <Form.Item name="outcome" label={t('lifecycle.session.outcome')} rules={[{ required: true, message: t('lifecycle.session.v.outcomeRequired') }]}>
        <Select
          data-testid="outcome-select"
          options={SESSION_OUTCOMES.map((value) => ({ value, label: t(`enums.SessionOutcome.${value}`) }))}
        />
      </Form.Item>
      {early && (
        <Form.Item
          name="heldAt"
          label={t('lifecycle.session.heldAt')}
          extra={t('lifecycle.session.heldAtHelp', { time: formatDateTime(startsAt) })}
          rules={[
            { required: true, message: t('lifecycle.session.v3.heldAtRequired') },
            {
              validator: async (_, value: Dayjs | null | undefined) => {
                if (value && value.isAfter(dayjs())) throw new Error(t('lifecycle.session.v3.heldAtFuture'));
              },
            },
          ]}
        >
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" data-testid="outcome-held-at" />
        </Form.Item>
      )}
      <Form.Item name="attendedOrganizationIds" label={t('lifecycle.session.attendedOrganizations')}>
        <Checkbox.Group options={organizations.map((org) => ({ value: org.id, label: org.name }))} data-testid="outcome-attended" />
      </Form.Item>
      <Form.Item name="attendees" label={t('lifecycle.session.attendees')}>
        <Select mode="tags" open={false} suffixIcon={null} placeholder={t('lifecycle.session.attendeesPlaceholder')} data-testid="outcome-attendees" />
      </Form.Item>
      <Form.Item
        name="minutes"
        label={t('lifecycle.session.minutes')}
        rules={[{ required: true, whitespace: true, message: t('lifecycle.session.v.minutesRequired') }]}
      >
        <Input.TextArea rows={4} data-testid="outcome-minutes" />
      </Form.Item>
      {withTerms && (
        <Form.List
          name="terms"
          rules={[
            {
              validator: async (_, terms: TermFields[] | undefined) => {
                if (form.getFieldValue('outcome') === 'AGREEMENT' && (!terms || terms.length === 0)) {
                  throw new Error(t('lifecycle.session.v.termsRequired'));
                }
              },
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <Form.Item label={t('lifecycle.session.terms')} required={outcome === 'AGREEMENT'}>
              <Space orientation="vertical" style={{ width: '100%' }}>
                {fields.map((field, index) => (
                  <Card
                    key={field.key}
                    size="small"
                    data-testid={`term-${index}`}
                    title={`${t('lifecycle.session.terms')} ${index + 1}`}
                    extra={
                      <Button type="text" danger icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} data-testid={`term-${index}-remove`}>
                        {t('lifecycle.session.removeTerm')}
                      </Button>
                    }
                  >
                    <Form.Item
                      name={[field.name, 'description']}
                      label={t('lifecycle.session.termDescription')}
                      rules={[{ required: true, whitespace: true, message: t('lifecycle.session.v.termDescriptionRequired') }]}
                    >
                      <Input.TextArea rows={2} placeholder={t('lifecycle.session.termDescriptionPlaceholder')} data-testid={`term-${index}-description`} />
                    </Form.Item>
                    <Space wrap align="start">
                      <Form.Item
                        name={[field.name, 'amount']}
                        label={t('lifecycle.session.termAmount')}
                        rules={[{ pattern: AMOUNT_PATTERN, message: t('lifecycle.session.v.amountInvalid') }]}
                      >
                        <Input inputMode="decimal" style={{ width: 180 }} data-testid={`term-${index}-amount`} />
                      </Form.Item>
                      <Form.Item name={[field.name, 'dueAt']} label={t('lifecycle.session.termDueAt')}>
                        <DatePicker data-testid={`term-${index}-due`} />
                      </Form.Item>
                    </Space>
                  </Card>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} data-testid="add-term">
                  {t('lifecycle.session.addTerm')}
                </Button>
                <Form.ErrorList errors={errors} />
              </Space>
            </Form.Item>
          )}
        </Form.List>
      )}
      <Button type="primary" htmlType="button" onClick={() => void review()} loading={submitting} data-testid="outcome-submit">
        {t('lifecycle.session.recordOutcome')}
      </Button>
    </Form>
  );
}
