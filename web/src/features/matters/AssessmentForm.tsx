import { Button, Checkbox, Form, Input, Select, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MatterScale, OrganizationKind, RiskFlag, RiskLevel } from '../../gql/graphql';
import { useEnumLabel, useEnumOptions } from '../../ui/labels';

export interface AssessmentValues {
  riskLevel: RiskLevel;
  riskFlags: RiskFlag[];
  scale: MatterScale;
  summary: string;
}

interface Props {
  initial?: Partial<AssessmentValues>;
  /** Agencies the routing rules suggest for the current flags (shown, then pre-selected when convening). */
  suggestions: { id: string; name: string; kind: OrganizationKind }[];
  onFlagsChange?(flags: RiskFlag[]): void;
  onSubmit(values: AssessmentValues): void | Promise<void>;
  submitting?: boolean;
}

export function AssessmentForm({ initial, suggestions, onFlagsChange, onSubmit, submitting }: Props) {
  const { t } = useTranslation();
  const options = useEnumOptions();
  const label = useEnumLabel();

  return (
    <Form<AssessmentValues>
      layout="vertical"
      data-testid="assessment-form"
      initialValues={{ riskFlags: [], scale: 'ORDINARY', ...initial }}
      onValuesChange={(changed: Partial<AssessmentValues>) => {
        if (changed.riskFlags) onFlagsChange?.(changed.riskFlags);
      }}
      onFinish={(values) => onSubmit({ ...values, summary: values.summary.trim() })}
    >
      <Space wrap size="large" align="start">
        <Form.Item name="riskLevel" label={t('assess.riskLevel')} rules={[{ required: true, message: t('assess.v.riskRequired') }]}>
          <Select options={options('RiskLevel')} style={{ minWidth: 140 }} data-testid="assess-risk" />
        </Form.Item>
        <Form.Item name="scale" label={t('assess.scale')}>
          <Select options={options('MatterScale')} style={{ minWidth: 120 }} data-testid="assess-scale" />
        </Form.Item>
      </Space>
      <Form.Item name="riskFlags" label={t('assess.riskFlags')}>
        <Checkbox.Group options={options('RiskFlag')} data-testid="assess-flags" />
      </Form.Item>
      <Form.Item
        name="summary"
        label={t('assess.summary')}
        rules={[{ required: true, whitespace: true, message: t('assess.v.summaryRequired') }]}
      >
        <Input.TextArea rows={3} data-testid="assess-summary" />
      </Form.Item>
      <Form.Item label={t('assess.suggested')}>
        <div data-testid="assess-suggestions">
          {suggestions.length === 0 ? (
            <Typography.Text type="secondary">{t('assess.noSuggestion')}</Typography.Text>
          ) : (
            suggestions.map((org) => (
              <Tag key={org.id} color="blue" data-testid="suggested-organization" data-kind={org.kind}>
                {org.name}（{label('OrganizationKind', org.kind)}）
              </Tag>
            ))
          )}
        </div>
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={submitting} data-testid="assess-submit">
        {t('assess.submit')}
      </Button>
    </Form>
  );
}
