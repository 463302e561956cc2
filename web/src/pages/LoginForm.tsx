import { Alert, Button, Form, Input } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

export interface LoginValues {
  username: string;
  password: string;
}

interface Props {
  onSubmit(values: LoginValues): void | Promise<void>;
  submitting?: boolean;
  notice?: string | null;
  error?: string | null;
  /** The person edits the form or it fails validation: an earlier failure no longer applies. */
  onEdit?(): void;
}

export function LoginForm({ onSubmit, submitting, notice, error, onEdit }: Props) {
  const { t } = useTranslation();
  return (
    <Form<LoginValues>
      layout="vertical"
      onFinish={onSubmit}
      onFinishFailed={() => onEdit?.()}
      onValuesChange={() => onEdit?.()}
      requiredMark={false}
      data-testid="login-form"
    >
      {notice && <Alert type="warning" showIcon title={notice} style={{ marginBottom: 16 }} data-testid="login-notice" />}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
      <Form.Item name="username" label={t('login.username')} rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}>
        <Input prefix={<UserOutlined />} autoComplete="username" data-testid="login-username" />
      </Form.Item>
      <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
        <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={submitting} data-testid="login-submit">
        {t('login.submit')}
      </Button>
    </Form>
  );
}
