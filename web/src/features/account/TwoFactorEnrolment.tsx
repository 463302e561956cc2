import { useEffect, useState } from 'react';
import { Alert, Button, Form, Input, Space, Spin, Typography } from 'antd';
import { useMutation } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import QRCode from 'qrcode';
import { BeginTotpEnrolmentMutation, ConfirmTotpEnrolmentMutation } from '../../graphql/account.operations';
import { accountErrorText } from './account-errors';

/**
 * 开启两步验证: a new secret as a QR code (and as text), a code from the app to confirm, then the
 * recovery codes — shown this once, until the person says they saved them.
 */
export function TwoFactorEnrolment({ onDone, onCancel }: { onDone(): void; onCancel?(): void }) {
  const { t } = useTranslation();
  const [begin, beginState] = useMutation(BeginTotpEnrolmentMutation);
  const [confirm, confirmState] = useMutation(ConfirmTotpEnrolmentMutation);
  const [enrolment, setEnrolment] = useState<{ secret: string; otpauthUri: string; qr: string } | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      try {
        const { data } = await begin();
        if (!data || cancelled) return;
        const { secret, otpauthUri } = data.beginTotpEnrolment;
        const qr = await QRCode.toDataURL(otpauthUri, { margin: 1, width: 200 });
        if (!cancelled) setEnrolment({ secret, otpauthUri, qr });
      } catch (e) {
        if (!cancelled) setError(accountErrorText(t, e));
      }
    })();
    return () => {
      cancelled = true;
    };
  }, []); // eslint-disable-line react-hooks/exhaustive-deps -- one enrolment per mount

  async function submit({ code }: { code: string }) {
    setError(null);
    try {
      const { data } = await confirm({ variables: { code: code.trim() } });
      if (data) setCodes(data.confirmTotpEnrolment.recoveryCodes);
    } catch (e) {
      setError(accountErrorText(t, e));
    }
  }

  if (codes) {
    return (
      <div data-testid="totp-recovery">
        <Alert type="success" showIcon title={t('account.twoFactor.enabled')} style={{ marginBottom: 16 }} />
        <Typography.Title level={5}>{t('account.twoFactor.recoveryTitle')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('account.twoFactor.recoveryHelp')}</Typography.Paragraph>
        <pre className="recovery-codes" data-testid="totp-recovery-codes">{codes.join('\n')}</pre>
        <Button type="primary" onClick={onDone} data-testid="totp-recovery-saved">
          {t('account.twoFactor.recoverySaved')}
        </Button>
      </div>
    );
  }

  return (
    <div data-testid="totp-enrolment">
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="totp-error" />}
      {!enrolment ? (
        beginState.loading || !error ? <Spin /> : null
      ) : (
        <>
          <Typography.Paragraph>{t('account.twoFactor.scan')}</Typography.Paragraph>
          <Space align="start" wrap size="large">
            <img src={enrolment.qr} alt="otpauth QR" width={200} height={200} data-testid="totp-qr" />
            <div>
              <Typography.Text type="secondary">{t('account.twoFactor.secret')}</Typography.Text>
              <Typography.Paragraph copyable={{ text: enrolment.secret }} code data-testid="totp-secret" data-secret={enrolment.secret}>
                {enrolment.secret.replace(/(.{4})/g, '$1 ').trim()}
              </Typography.Paragraph>
            </div>
          </Space>
          <Typography.Paragraph style={{ marginTop: 16 }}>{t('account.twoFactor.enterCode')}</Typography.Paragraph>
          <Form<{ code: string }> layout="inline" onFinish={submit} requiredMark={false}>
            <Form.Item name="code" rules={[{ required: true, pattern: /^\s*\d{6}\s*$/, message: t('account.twoFactor.codeRequired') }]}>
              <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} placeholder={t('account.twoFactor.code')} data-testid="totp-code" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={confirmState.loading} data-testid="totp-confirm">
              {t('account.twoFactor.confirm')}
            </Button>
            {onCancel && <Button onClick={onCancel}>{t('account.twoFactor.cancel')}</Button>}
          </Form>
        </>
      )}
    </div>
  );
}
