import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { SafetyOutlined } from '@ant-design/icons';
import { useMutation } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { LoginMutation } from '../graphql/operations';
import { VerifyLoginMfaMutation } from '../graphql/account.operations';
import { accountErrorText } from '../features/account/account-errors';
import { startSession, useSession } from '../session/session';
import { LanguageSwitch } from '../layout/LanguageSwitch';
import { errorCode, errorMessage, errorReason } from '../ui/errors';
import { LoginForm, type LoginValues } from './LoginForm';

export function LoginPage() {
  const { t } = useTranslation();
  const { token, notice } = useSession();
  const [login, { loading }] = useMutation(LoginMutation);
  const [verify, verifyState] = useMutation(VerifyLoginMfaMutation);
  const [error, setError] = useState<string | null>(null);
  // The password was right and two-factor sign-in is on: the challenge to answer with a code.
  const [challenge, setChallenge] = useState<string | null>(null);

  if (token) return <Navigate to="/" replace />;

  async function submit(values: LoginValues) {
    setError(null);
    try {
      const { data } = await login({ variables: { username: values.username.trim(), password: values.password } });
      if (data?.login.mfaRequired && data.login.challenge) setChallenge(data.login.challenge);
      else if (data?.login.token) startSession(data.login.token);
    } catch (e) {
      const code = errorCode(e);
      if (code === 'TOO_MANY_REQUESTS') setError(t('login.throttled'));
      else setError(code === 'UNAUTHENTICATED' || code === 'BAD_USER_INPUT' ? t('login.failed') : t('app.error', { message: errorMessage(e) }));
    }
  }

  async function submitCode({ code }: { code: string }) {
    if (!challenge) return;
    setError(null);
    try {
      const { data } = await verify({ variables: { challenge, code: code.trim() } });
      if (data?.verifyLoginMfa.token) startSession(data.verifyLoginMfa.token);
    } catch (e) {
      if (errorCode(e) === 'UNAUTHENTICATED') setChallenge(null);
      setError(errorReason(e) === 'WRONG_CODE' ? t('account.mfa.failed') : accountErrorText(t, e));
    }
  }

  return (
    <main className="login-screen">
      <Card className="login-card" data-testid="login-page">
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline' }}>
          <Typography.Title level={1} className="public-title">{t('app.name')}</Typography.Title>
          <LanguageSwitch />
        </div>
        <Typography.Paragraph type="secondary">{t('app.subtitle')}</Typography.Paragraph>
        {challenge ? (
          <Form<{ code: string }> layout="vertical" onFinish={submitCode} requiredMark={false} data-testid="login-mfa">
            <Typography.Title level={5}>{t('account.mfa.title')}</Typography.Title>
            <Typography.Paragraph type="secondary">{t('account.mfa.help')}</Typography.Paragraph>
            {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
            <Form.Item name="code" label={t('account.mfa.code')} rules={[{ required: true, whitespace: true, message: t('account.twoFactor.codeRequired') }]}>
              <Input prefix={<SafetyOutlined />} autoComplete="one-time-code" autoFocus maxLength={20} data-testid="login-mfa-code" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={verifyState.loading} data-testid="login-mfa-submit">
              {t('account.mfa.submit')}
            </Button>
            <Button type="link" block onClick={() => { setChallenge(null); setError(null); }} data-testid="login-mfa-back">
              {t('account.mfa.back')}
            </Button>
          </Form>
        ) : (
          <LoginForm
            onSubmit={submit}
            submitting={loading}
            notice={notice ? t(notice === 'expired' ? 'login.expired' : 'login.loggedOut') : null}
            error={error}
            onEdit={() => setError(null)}
          />
        )}
        <div className="login-public-links">
          <Link to="/report" data-testid="public-report-link">{t('lifecycle.public.link')}</Link>
          <Link to="/track">{t('lifecycle.public.trackLink')}</Link>
        </div>
      </Card>
    </main>
  );
}
