import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { MySessionsQuery as SessionsData } from '../../gql/graphql';
import {
  AccountSecurityQuery, ChangeMyPasswordMutation, DisableTotpMutation, MySessionsQuery, RegenerateRecoveryCodesMutation, RevokeMySessionMutation,
  SignOutEverywhereMutation,
} from '../../graphql/account.operations';
import { MeQuery } from '../../graphql/operations';
import { formatDateTimeShort } from '../../i18n';
import { endSession } from '../../session/session';
import { accountErrorText } from './account-errors';
import { TwoFactorEnrolment } from './TwoFactorEnrolment';

type SessionRow = SessionsData['mySessions'][number];

/** 账号安全 (personal menu): change password, two-factor sign-in, signed-in devices. */
export function AccountPage() {
  const { t } = useTranslation();
  const security = useQuery(AccountSecurityQuery, { fetchPolicy: 'network-only' });
  const minLength = security.data?.passwordPolicy.minLength ?? 12;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="account-page">
      <Typography.Title level={3} style={{ margin: 0 }}>{t('account.title')}</Typography.Title>
      <TwoFactorCard security={security.data?.me ?? null} refetch={() => void security.refetch()} />
      <SessionsCard />
      <PasswordCard minLength={minLength} />
    </Space>
  );
}

interface Security {
  twoFactorEnabled: boolean | null;
  twoFactorRequired: boolean | null;
  recoveryCodesLeft: number | null;
}

function TwoFactorCard({ security, refetch }: { security: Security | null; refetch(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [mode, setMode] = useState<'view' | 'enrol' | 'disable' | 'regenerate'>('view');
  const [disable, disableState] = useMutation(DisableTotpMutation, { refetchQueries: [MeQuery] });
  const [regenerate, regenerateState] = useMutation(RegenerateRecoveryCodesMutation);
  const [freshCodes, setFreshCodes] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const enabled = !!security?.twoFactorEnabled;

  async function submitDisable({ code }: { code: string }) {
    setError(null);
    try {
      await disable({ variables: { code: code.trim() } });
      message.success(t('account.twoFactor.disabled'));
      setMode('view');
      refetch();
    } catch (e) {
      setError(accountErrorText(t, e));
    }
  }

  async function submitRegenerate({ code }: { code: string }) {
    setError(null);
    try {
      const { data } = await regenerate({ variables: { code: code.trim() } });
      setFreshCodes(data?.regenerateRecoveryCodes.recoveryCodes ?? null);
      setMode('view');
      refetch();
    } catch (e) {
      setError(accountErrorText(t, e));
    }
  }

  return (
    <Card
      title={t('account.twoFactor.title')}
      loading={!security}
      extra={<Tag color={enabled ? 'green' : 'default'} data-testid="totp-status" data-enabled={enabled}>{t(enabled ? 'account.twoFactor.on' : 'account.twoFactor.off')}</Tag>}
      data-testid="account-2fa"
    >
      {mode === 'enrol' ? (
        <TwoFactorEnrolment
          onDone={() => {
            setMode('view');
            refetch();
          }}
          onCancel={() => setMode('view')}
        />
      ) : (
        <>
          <Typography.Paragraph type="secondary">{t('account.twoFactor.intro')}</Typography.Paragraph>
          {security?.twoFactorRequired && <Alert type="info" showIcon title={t('account.twoFactor.required')} style={{ marginBottom: 16 }} />}
          {enabled && security?.recoveryCodesLeft != null && (
            <Typography.Paragraph data-testid="totp-recovery-left">{t('account.twoFactor.recoveryLeft', { count: security.recoveryCodesLeft })}</Typography.Paragraph>
          )}
          {!enabled && (
            <Button type="primary" onClick={() => setMode('enrol')} data-testid="totp-enable">
              {t('account.twoFactor.enable')}
            </Button>
          )}
          {freshCodes && (
            <div data-testid="totp-fresh-codes" style={{ marginBottom: 16 }}>
              <Typography.Title level={5}>{t('account.twoFactor.recoveryTitle')}</Typography.Title>
              <Typography.Paragraph type="secondary">{t('account.twoFactor.recoveryHelp')}</Typography.Paragraph>
              <pre className="recovery-codes">{freshCodes.join('\n')}</pre>
              <Button onClick={() => setFreshCodes(null)}>{t('account.twoFactor.recoverySaved')}</Button>
            </div>
          )}
          {enabled && mode === 'view' && !freshCodes && (
            <Button style={{ marginRight: 8 }} onClick={() => setMode('regenerate')} data-testid="totp-regenerate">{t('account.twoFactor.regenerate')}</Button>
          )}
          {enabled && mode === 'regenerate' && (
            <>
              <Typography.Paragraph>{t('account.twoFactor.regenerateHelp')}</Typography.Paragraph>
              {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
              <Form<{ code: string }> layout="inline" onFinish={submitRegenerate} requiredMark={false}>
                <Form.Item name="code" rules={[{ required: true, message: t('account.twoFactor.codeRequired') }]}>
                  <Input autoComplete="one-time-code" maxLength={20} placeholder={t('account.twoFactor.code')} data-testid="totp-regenerate-code" />
                </Form.Item>
                <Button type="primary" htmlType="submit" loading={regenerateState.loading}>{t('account.twoFactor.regenerate')}</Button>
                <Button onClick={() => setMode('view')}>{t('account.twoFactor.cancel')}</Button>
              </Form>
            </>
          )}
          {enabled && mode === 'view' && !freshCodes && (
            security?.twoFactorRequired ? (
              <Typography.Text type="secondary">{t('account.twoFactor.requiredCannotDisable')}</Typography.Text>
            ) : (
              <Button danger onClick={() => setMode('disable')} data-testid="totp-disable">{t('account.twoFactor.disable')}</Button>
            )
          )}
          {enabled && mode === 'disable' && (
            <>
              <Typography.Paragraph>{t('account.twoFactor.disableHelp')}</Typography.Paragraph>
              {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
              <Form<{ code: string }> layout="inline" onFinish={submitDisable} requiredMark={false}>
                <Form.Item name="code" rules={[{ required: true, message: t('account.twoFactor.codeRequired') }]}>
                  <Input autoComplete="one-time-code" maxLength={20} placeholder={t('account.twoFactor.code')} data-testid="totp-disable-code" />
                </Form.Item>
                <Button danger htmlType="submit" loading={disableState.loading} data-testid="totp-disable-confirm">{t('account.twoFactor.disable')}</Button>
                <Button onClick={() => setMode('view')}>{t('account.twoFactor.cancel')}</Button>
              </Form>
            </>
          )}
        </>
      )}
    </Card>
  );
}

function SessionsCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useApolloClient();
  const navigate = useNavigate();
  const sessions = useQuery(MySessionsQuery, { fetchPolicy: 'network-only' });
  const [revoke] = useMutation(RevokeMySessionMutation, { refetchQueries: [MySessionsQuery] });
  const [signOutEverywhere, everywhereState] = useMutation(SignOutEverywhereMutation, { refetchQueries: [MySessionsQuery] });

  async function run(work: () => Promise<void>) {
    try {
      await work();
    } catch (e) {
      message.error(accountErrorText(t, e));
    }
  }

  const revokeOne = (row: SessionRow) =>
    run(async () => {
      await revoke({ variables: { id: row.id }, refetchQueries: row.current ? [] : [MySessionsQuery] });
      if (row.current) return leave();
      message.success(t('account.sessions.revoked'));
    });

  async function leave() {
    endSession('loggedOut');
    await client.clearStore();
    navigate('/login', { replace: true });
  }

  return (
    <Card
      title={t('account.sessions.title')}
      data-testid="account-sessions"
      extra={
        <Space wrap>
          <Button
            loading={everywhereState.loading}
            data-testid="sessions-sign-out-others"
            onClick={() =>
              void run(async () => {
                const { data } = await signOutEverywhere({ variables: { keepCurrent: true } });
                message.success(t('account.sessions.signedOutOthers', { count: data?.signOutEverywhere ?? 0 }));
              })
            }
          >
            {t('account.sessions.signOutOthers')}
          </Button>
          <Popconfirm
            title={t('account.sessions.confirmEverywhere')}
            onConfirm={() =>
              run(async () => {
                await signOutEverywhere({ variables: { keepCurrent: false }, refetchQueries: [] });
                await leave();
              })
            }
          >
            <Button danger data-testid="sessions-sign-out-everywhere">{t('account.sessions.signOutEverywhere')}</Button>
          </Popconfirm>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('account.sessions.help')}</Typography.Paragraph>
      <Table<SessionRow>
        rowKey="id"
        size="small"
        loading={sessions.loading}
        dataSource={sessions.data?.mySessions ?? []}
        pagination={false}
        data-testid="sessions-table"
        onRow={(row) => ({ 'data-testid': row.current ? 'session-current' : 'session-other' }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('account.sessions.created'), dataIndex: 'createdAt', render: (v: string) => formatDateTimeShort(v) },
          { title: t('account.sessions.lastSeen'), dataIndex: 'lastSeenAt', render: (v: string) => formatDateTimeShort(v) },
          { title: t('account.sessions.address'), dataIndex: 'clientAddress', render: (v: string | null) => v ?? t('account.sessions.unknown') },
          {
            title: t('account.sessions.device'),
            dataIndex: 'userAgent',
            ellipsis: true,
            render: (v: string | null, row: SessionRow) => (
              <Space>
                {row.current && <Tag color="blue">{t('account.sessions.current')}</Tag>}
                <Typography.Text title={v ?? undefined}>{v ? shortAgent(v) : t('account.sessions.unknown')}</Typography.Text>
              </Space>
            ),
          },
          {
            key: 'actions',
            render: (_: unknown, row: SessionRow) => (
              <Button size="small" onClick={() => void revokeOne(row)} data-testid={`session-revoke-${row.id}`}>
                {t('account.sessions.revoke')}
              </Button>
            ),
          },
        ]}
      />
    </Card>
  );
}

/** "Mozilla/5.0 (X11; Linux x86_64) … Chrome/131.0 Safari/537.36" → "Chrome 131 · Linux". */
function shortAgent(ua: string): string {
  const browser = /Edg\/(\d+)/.exec(ua) ? `Edge ${/Edg\/(\d+)/.exec(ua)![1]}`
    : /MicroMessenger\/([\d.]+)/.exec(ua) ? '微信'
      : /Firefox\/(\d+)/.exec(ua) ? `Firefox ${/Firefox\/(\d+)/.exec(ua)![1]}`
        : /Chrome\/(\d+)/.exec(ua) ? `Chrome ${/Chrome\/(\d+)/.exec(ua)![1]}`
          : /Version\/(\d+).*Safari/.exec(ua) ? `Safari ${/Version\/(\d+)/.exec(ua)![1]}`
            : ua.slice(0, 40);
  const os = /Windows/.test(ua) ? 'Windows' : /Android/.test(ua) ? 'Android' : /iPhone|iPad/.test(ua) ? 'iOS' : /Mac OS X/.test(ua) ? 'macOS' : /Linux/.test(ua) ? 'Linux' : '';
  return os ? `${browser} · ${os}` : browser;
}

function PasswordCard({ minLength }: { minLength: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ currentPassword: string; newPassword: string; confirm: string }>();
  const [change, state] = useMutation(ChangeMyPasswordMutation, { refetchQueries: [MySessionsQuery] });
  const [error, setError] = useState<string | null>(null);

  async function submit(values: { currentPassword: string; newPassword: string }) {
    setError(null);
    try {
      const { data } = await change({ variables: { currentPassword: values.currentPassword, newPassword: values.newPassword } });
      message.success(t('account.password.changed', { count: data?.changeMyPassword ?? 0 }));
      form.resetFields();
    } catch (e) {
      setError(accountErrorText(t, e, minLength));
    }
  }

  return (
    <Card title={t('account.password.title')} data-testid="account-password">
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} style={{ maxWidth: 400 }}>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="password-error" />}
        <Form.Item name="currentPassword" label={t('account.password.current')} rules={[{ required: true, message: t('account.password.v.current') }]}>
          <Input.Password autoComplete="current-password" data-testid="password-current" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('account.password.next')}
          extra={t('account.password.help', { min: minLength })}
          rules={[{ required: true, message: t('account.password.v.next') }, { min: minLength, message: t('account.password.reasons.TOO_SHORT', { min: minLength }) }]}
        >
          <Input.Password autoComplete="new-password" maxLength={200} data-testid="password-new" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('account.password.confirm')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('account.password.v.next') },
            ({ getFieldValue }) => ({
              validator: (_, value) => (value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('account.password.v.mismatch')))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" maxLength={200} data-testid="password-confirm" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={state.loading} data-testid="password-change">
          {t('account.password.submit')}
        </Button>
      </Form>
    </Card>
  );
}
