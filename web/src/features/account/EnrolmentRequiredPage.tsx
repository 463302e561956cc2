import { Button, Card, Typography } from 'antd';
import { LogoutOutlined } from '@ant-design/icons';
import { useApolloClient, useMutation } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { LogoutMutation } from '../../graphql/operations';
import { LanguageSwitch } from '../../layout/LanguageSwitch';
import { endSession } from '../../session/session';
import { TwoFactorEnrolment } from './TwoFactorEnrolment';

/**
 * A role that must use two-factor sign-in, not enrolled yet: the api lets this session do
 * nothing but enrol (and opens no live socket for it), so this page is all the console shows.
 */
export function EnrolmentRequiredPage({ onDone }: { onDone(): void }) {
  const { t } = useTranslation();
  const client = useApolloClient();
  const navigate = useNavigate();
  const [logout] = useMutation(LogoutMutation);

  async function signOut() {
    await logout().catch(() => undefined);
    endSession('loggedOut');
    await client.clearStore();
    navigate('/login', { replace: true });
  }

  return (
    <div className="login-screen">
      <Card className="enrol-card" data-testid="enrolment-required">
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline' }}>
          <Typography.Title level={3} style={{ marginTop: 0 }}>{t('account.enrol.title')}</Typography.Title>
          <LanguageSwitch />
        </div>
        <Typography.Paragraph type="secondary">{t('account.enrol.help')}</Typography.Paragraph>
        <TwoFactorEnrolment onDone={onDone} />
        <div style={{ marginTop: 24 }}>
          <Button icon={<LogoutOutlined />} onClick={() => void signOut()} data-testid="logout">{t('app.logout')}</Button>
        </div>
      </Card>
    </div>
  );
}
