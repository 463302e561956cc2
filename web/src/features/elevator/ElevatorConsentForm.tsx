import { Button, Form, Input, InputNumber, Radio, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ElevatorVote } from '../../gql/graphql';
import { AREA_PATTERN } from './tally';

export const ELEVATOR_VOTES: ElevatorVote[] = ['AGREE', 'DISAGREE', 'ABSTAIN', 'NOT_VOTED'];

export interface ElevatorConsentValues {
  unit: string;
  floor: number;
  area: string;
  ownerName: string;
  vote: ElevatorVote;
  note?: string;
}

interface Props {
  initial?: Partial<ElevatorConsentValues>;
  /** Editing a household keeps its unit: recording the same unit again corrects it. */
  unitLocked?: boolean;
  onSubmit(values: ElevatorConsentValues): void | Promise<void>;
  onCancel?(): void;
  submitting?: boolean;
}

export function ElevatorConsentForm({ initial, unitLocked, onSubmit, onCancel, submitting }: Props) {
  const { t } = useTranslation();
  return (
    <Form<ElevatorConsentValues>
      layout="vertical"
      data-testid="elevator-form"
      initialValues={{ vote: 'AGREE', ...initial }}
      onFinish={(values) =>
        onSubmit({
          unit: values.unit.trim(),
          floor: values.floor,
          area: values.area.trim(),
          ownerName: values.ownerName.trim(),
          vote: values.vote,
          note: values.note?.trim() || undefined,
        })
      }
    >
      <Space wrap align="start">
        <Form.Item name="unit" label={t('lifecycle.elevator.unit')} rules={[{ required: true, whitespace: true, message: t('lifecycle.elevator.v.unitRequired') }]}>
          <Input placeholder="2-1-301" disabled={unitLocked} style={{ width: 140 }} data-testid="elevator-unit" />
        </Form.Item>
        <Form.Item name="floor" label={t('lifecycle.elevator.floor')} rules={[{ required: true, message: t('lifecycle.elevator.v.floorRequired') }]}>
          <InputNumber min={-5} max={99} precision={0} style={{ width: 100 }} data-testid="elevator-floor" />
        </Form.Item>
        <Form.Item
          name="area"
          label={t('lifecycle.elevator.area')}
          rules={[
            { required: true, message: t('lifecycle.elevator.v.areaInvalid') },
            { pattern: AREA_PATTERN, message: t('lifecycle.elevator.v.areaInvalid') },
          ]}
        >
          <Input inputMode="decimal" placeholder="86.50" style={{ width: 140 }} data-testid="elevator-area" />
        </Form.Item>
        <Form.Item name="ownerName" label={t('lifecycle.elevator.owner')} rules={[{ required: true, whitespace: true, message: t('lifecycle.elevator.v.ownerRequired') }]}>
          <Input style={{ width: 160 }} data-testid="elevator-owner" />
        </Form.Item>
      </Space>
      <Form.Item name="vote" label={t('lifecycle.elevator.vote')} rules={[{ required: true, message: t('lifecycle.elevator.v.voteRequired') }]}>
        <Radio.Group
          optionType="button"
          data-testid="elevator-vote"
          options={ELEVATOR_VOTES.map((value) => ({ value, label: t(`lifecycle.enums.ElevatorVote.${value}`) }))}
        />
      </Form.Item>
      <Form.Item name="note" label={t('lifecycle.elevator.note')}>
        <Input data-testid="elevator-note" />
      </Form.Item>
      <Space>
        <Button type="primary" htmlType="submit" loading={submitting} data-testid="elevator-submit">{t('lifecycle.elevator.save')}</Button>
        {onCancel && <Button onClick={onCancel}>{t('lifecycle.elevator.cancel')}</Button>}
      </Space>
    </Form>
  );
}
