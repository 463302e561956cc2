import { useState } from 'react';
import { Card, Typography } from 'antd';
import { useMutation } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { LoginMutation } from '../graphql/operations';
import { startSession, useSession } from '../session/session';
import { LanguageSwitch } from '../layout/LanguageSwitch';
import { errorCode, errorMessage } from '../ui/errors';
import { LoginForm, type LoginValues } from './LoginForm';

export function LoginPage() {
  const { t } = useTranslation();
  const { token, notice } = useSession();
  const [login, { loading }] = useMutation(LoginMutation);
  const [error, setError] = useState<string | null>(null);

  if (token) return <Navigate to="/" replace />;

  async function submit(values: LoginValues) {
    setError(null);
    try {
      const { data } = await login({ variables: { username: values.username.trim(), password: values.password } });
      if (data) startSession(data.login.token);
    } catch (e) {
      const code = errorCode(e);
      setError(code === 'UNAUTHENTICATED' || code === 'BAD_USER_INPUT' ? t('login.failed') : t('app.error', { message: errorMessage(e) }));
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
        <LoginForm
          onSubmit={submit}
          submitting={loading}
          notice={notice ? t(notice === 'expired' ? 'login.expired' : 'login.loggedOut') : null}
          error={error}
        />
        <div className="login-public-links">
          <Link to="/report" data-testid="public-report-link">{t('lifecycle.public.link')}</Link>
          <Link to="/track">{t('lifecycle.public.trackLink')}</Link>
        </div>
      </Card>
    </main>
  );
}
