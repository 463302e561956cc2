import { useEffect, useState, type ReactNode } from 'react';
import { Badge, Button, Dropdown, Layout, Menu, Space, Typography } from 'antd';
import {
  AuditOutlined, BarChartOutlined, DownOutlined, FileAddOutlined, InboxOutlined, LogoutOutlined, SafetyOutlined, SettingOutlined, TeamOutlined, UnorderedListOutlined,
} from '@ant-design/icons';
import { useApolloClient, useMutation } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { LogoutMutation } from '../graphql/operations';
import { endSession } from '../session/session';
import { useKeepAliveWhileActive } from '../session/keep-alive';
import { consoleKind, useViewer } from '../session/viewer';
import { useLive } from '../live/LiveProvider';
import { useEnumLabel } from '../ui/labels';
import { ConnectionIndicator } from './ConnectionIndicator';
import { LanguageSwitch } from './LanguageSwitch';

export function AppLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const viewer = useViewer();
  const label = useEnumLabel();
  const navigate = useNavigate();
  const location = useLocation();
  const client = useApolloClient();
  useKeepAliveWhileActive(client);
  const { unreadInvitationIds } = useLive();
  const [logout] = useMutation(LogoutMutation);
  const [collapsed, setCollapsed] = useState(false);
  const kind = consoleKind(viewer);
  const unread = unreadInvitationIds.size;

  // The unread count also shows in the browser tab, for a console left open in the background.
  useEffect(() => {
    const name = t('app.name');
    document.title = unread > 0 ? `(${unread}) ${name}` : name;
  }, [unread, t]);

  const auditItem = { key: '/audit', icon: <AuditOutlined />, label: <span data-testid="nav-audit">{t('audit.nav')}</span> };
  const items =
    kind === 'auditor'
      ? [auditItem]
      : kind === 'coordinator'
      ? [
          { key: '/matters', icon: <UnorderedListOutlined />, label: <span data-testid="nav-matters">{t('nav.matters')}</span> },
          { key: '/matters/new', icon: <FileAddOutlined />, label: <span data-testid="nav-report">{t('nav.report')}</span> },
          { key: '/activities', icon: <TeamOutlined />, label: <span data-testid="nav-activities">{t('lifecycle.nav.activities')}</span> },
          { key: '/dashboard', icon: <BarChartOutlined />, label: <span data-testid="nav-dashboard">{t('lifecycle.nav.dashboard')}</span> },
          ...(viewer.role === 'ADMIN'
            ? [{ key: '/admin', icon: <SettingOutlined />, label: <span data-testid="nav-admin">{t('admin.nav')}</span> }, auditItem]
            : []),
        ]
      : [
          {
            key: '/inbox',
            icon: <InboxOutlined />,
            label: (
              <span data-testid="nav-inbox">
                {t('nav.inbox')}{' '}
                <Badge count={unreadInvitationIds.size} size="small" data-testid="unread-badge" data-count={unreadInvitationIds.size} />
              </span>
            ),
          },
        ];

  const selected = ['/matters/new', '/activities', '/dashboard', '/admin', '/audit'].includes(location.pathname)
    ? location.pathname
    : kind === 'auditor' ? '/audit' : kind === 'coordinator' ? '/matters' : '/inbox';

  async function signOut() {
    try {
      await logout();
    } catch {
      // The token may already be gone on the server; signing out locally is what matters.
    }
    endSession('loggedOut');
    await client.clearStore();
    navigate('/login', { replace: true });
  }

  return (
    <Layout className="app-layout" data-testid="app-layout" data-console={kind}>
      <a className="skip-link" href="#main">{t('a11y.skipToMain')}</a>
      <Layout.Sider
        breakpoint="lg"
        collapsedWidth={64}
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        theme="light"
        width={200}
      >
        <div className="brand">{collapsed ? t('app.name').slice(0, 1) : t('app.name')}</div>
        <nav aria-label={t('a11y.mainNav')}>
          <Menu mode="inline" selectedKeys={[selected]} items={items} onClick={({ key }) => navigate(key)} />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header className="app-header">
          <Space size="middle" wrap>
            <h1 className="app-title" data-testid="console-title">
              {t(kind === 'auditor' ? 'audit.workbench' : kind === 'coordinator' ? 'roleWorkbench.coordinator' : 'roleWorkbench.agency')}
            </h1>
            <Typography.Text type="secondary" data-testid="viewer-organization" data-kind={viewer.organization.kind}>
              {viewer.organization.name} · {label('UserRole', viewer.role)}
            </Typography.Text>
          </Space>
          <Space size="middle" wrap>
            <ConnectionIndicator />
            <LanguageSwitch />
            {/* The personal menu: 账号安全 (password, two-factor sign-in, signed-in devices). */}
            <Dropdown
              trigger={['click']}
              menu={{
                items: [{ key: '/account', icon: <SafetyOutlined />, label: <span data-testid="nav-account">{t('account.menu')}</span> }],
                onClick: ({ key }) => navigate(key),
              }}
            >
              <Button type="text" data-testid="personal-menu">
                <Typography.Text data-testid="viewer-name">{viewer.displayName}</Typography.Text> <DownOutlined />
              </Button>
            </Dropdown>
            <Button icon={<LogoutOutlined />} onClick={() => void signOut()} data-testid="logout">
              {t('app.logout')}
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content className="app-content" id="main" tabIndex={-1}>{children}</Layout.Content>
      </Layout>
    </Layout>
  );
}
