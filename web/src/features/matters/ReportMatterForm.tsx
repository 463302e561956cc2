import { Button, Card, Col, Form, Input, InputNumber, Row, Select, Space } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { IntakeChannel, MatterCategory, MatterKind, PartyRole, ReportMatterInput } from '../../gql/graphql';
import { useEnumOptions } from '../../ui/labels';
import { AMOUNT_PATTERN, ID_NUMBER_PATTERN, PHONE_PATTERN, normaliseAmount } from './validation';

interface PartyValues {
  name?: string;
  role?: PartyRole;
  phone?: string;
  idNumber?: string;
}

interface FormValues {
  title: string;
  description: string;
  kind: MatterKind;
  category: MatterCategory;
  channel: IntakeChannel;
  location?: string;
  amountInDispute?: string;
  householdsAffected?: number | null;
  parties?: PartyValues[];
}

interface Props {
  onSubmit(input: ReportMatterInput): void | Promise<void>;
  submitting?: boolean;
}

function blankToUndefined(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

export function toReportMatterInput(values: FormValues): ReportMatterInput {
  const amount = blankToUndefined(values.amountInDispute);
  return {
    title: values.title.trim(),
    description: values.description.trim(),
    kind: values.kind,
    category: values.category,
    channel: values.channel,
    location: blankToUndefined(values.location),
    amountInDispute: amount ? normaliseAmount(amount) : undefined,
    householdsAffected: values.householdsAffected ?? undefined,
    parties: (values.parties ?? []).map((party) => ({
      name: (party.name ?? '').trim(),
      role: party.role as PartyRole,
      phone: blankToUndefined(party.phone),
      idNumber: blankToUndefined(party.idNumber)?.toUpperCase(),
    })),
  };
}

export function ReportMatterForm({ onSubmit, submitting }: Props) {
  const { t } = useTranslation();
  const options = useEnumOptions();
  const [form] = Form.useForm<FormValues>();

  return (
    <Form<FormValues>
      form={form}
      layout="vertical"
      data-testid="report-form"
      initialValues={{ kind: 'DISPUTE', channel: 'TALK_HALL', parties: [] }}
      onFinish={(values) => onSubmit(toReportMatterInput(values))}
      scrollToFirstError
    >
      <Row gutter={16}>
        <Col xs={24} md={16}>
          <Form.Item
            name="title"
            label={t('report.matterTitle')}
            rules={[
              { required: true, whitespace: true, message: t('report.v.titleRequired') },
              { max: 100, message: t('report.v.titleTooLong') },
            ]}
          >
            <Input data-testid="report-title" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="location" label={t('report.location')}>
            <Input placeholder={t('report.locationPlaceholder')} data-testid="report-location" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        name="description"
        label={t('report.description')}
        rules={[{ required: true, whitespace: true, message: t('report.v.descriptionRequired') }]}
      >
        <Input.TextArea rows={4} data-testid="report-description" />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} sm={8}>
          <Form.Item name="kind" label={t('report.kind')} rules={[{ required: true, message: t('report.v.kindRequired') }]}>
            <Select options={options('MatterKind')} data-testid="report-kind" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item name="category" label={t('report.category')} rules={[{ required: true, message: t('report.v.categoryRequired') }]}>
            <Select options={options('MatterCategory')} data-testid="report-category" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item name="channel" label={t('report.channel')} rules={[{ required: true, message: t('report.v.channelRequired') }]}>
            <Select options={options('IntakeChannel')} data-testid="report-channel" />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col xs={24} sm={12}>
          <Form.Item
            name="amountInDispute"
            label={t('report.amount')}
            rules={[{ pattern: AMOUNT_PATTERN, message: t('report.v.amountInvalid') }]}
          >
            <Input prefix="¥" inputMode="decimal" placeholder={t('report.amountPlaceholder')} data-testid="report-amount" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item
            name="householdsAffected"
            label={t('report.households')}
            rules={[{ type: 'integer', min: 0, message: t('report.v.householdsInvalid') }]}
          >
            <InputNumber style={{ width: '100%' }} data-testid="report-households" />
          </Form.Item>
        </Col>
      </Row>

      <Form.List name="parties">
        {(fields, { add, remove }) => (
          <Card size="small" title={t('report.parties')} style={{ marginBottom: 16 }}>
            {fields.map((field, index) => (
              <Row gutter={8} key={field.key} data-testid={`party-${index}`} align="top">
                <Col xs={24} sm={12} lg={5}>
                  <Form.Item
                    name={[field.name, 'name']}
                    label={t('report.partyName')}
                    rules={[{ required: true, whitespace: true, message: t('report.v.partyNameRequired') }]}
                  >
                    <Input data-testid={`party-${index}-name`} />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12} lg={5}>
                  <Form.Item
                    name={[field.name, 'role']}
                    label={t('report.partyRole')}
                    rules={[{ required: true, message: t('report.v.partyRoleRequired') }]}
                  >
                    <Select options={options('PartyRole')} data-testid={`party-${index}-role`} />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12} lg={5}>
                  <Form.Item
                    name={[field.name, 'phone']}
                    label={t('report.partyPhone')}
                    rules={[{ pattern: PHONE_PATTERN, message: t('report.v.phoneInvalid') }]}
                  >
                    <Input inputMode="tel" data-testid={`party-${index}-phone`} />
                  </Form.Item>
                </Col>
                <Col xs={20} sm={10} lg={7}>
                  <Form.Item
                    name={[field.name, 'idNumber']}
                    label={t('report.partyIdNumber')}
                    rules={[{ pattern: ID_NUMBER_PATTERN, message: t('report.v.idNumberInvalid') }]}
                  >
                    <Input data-testid={`party-${index}-idNumber`} />
                  </Form.Item>
                </Col>
                <Col xs={4} sm={2} lg={2}>
                  <Form.Item label=" ">
                    <Button
                      type="text"
                      danger
                      icon={<MinusCircleOutlined />}
                      aria-label={t('report.removeParty')}
                      onClick={() => remove(field.name)}
                    />
                  </Form.Item>
                </Col>
              </Row>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ role: 'APPLICANT' })} block data-testid="add-party">
              {t('report.addParty')}
            </Button>
          </Card>
        )}
      </Form.List>

      <Space>
        <Button type="primary" htmlType="submit" loading={submitting} data-testid="report-submit">
          {t('report.submit')}
        </Button>
      </Space>
    </Form>
  );
}
