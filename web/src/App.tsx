import { Component, Suspense, lazy, useEffect, useMemo, type ReactNode } from 'react';
import { App as AntApp, Button, ConfigProvider, Result, Spin } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { ApolloProvider, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { createApolloClient, createWsClient } from './apollo/client';
import { connectionEvents } from './apollo/connection';
import { MeQuery } from './graphql/operations';
import { expireSession, useSession } from './session/session';
import { ViewerContext, consoleKind } from './session/viewer';
import { LiveProvider } from './live/LiveProvider';
import { AppLayout } from './layout/AppLayout';
import { LoginPage } from './pages/LoginPage';
import { errorMessage } from './ui/errors';
import { LiveAnnouncer, useKeyboardScrollableTables } from './ui/a11y';
import { consoleTheme } from './ui/theme';

// Each page is its own chunk, fetched when first visited: the sign-in page and an agency's inbox
// never download the dashboard's charts (@ant-design/plots) or the admin pages. The sign-in page
// stays in the entry chunk, it is what most visits start with.
const MatterListPage = lazy(() => import('./features/matters/MatterListPage').then((m) => ({ default: m.MatterListPage })));
const ReportMatterPage = lazy(() => import('./features/matters/ReportMatterPage').then((m) => ({ default: m.ReportMatterPage })));
const MatterDetailPage = lazy(() => import('./features/matters/MatterDetailPage').then((m) => ({ default: m.MatterDetailPage })));
const InboxPage = lazy(() => import('./features/agency/InboxPage').then((m) => ({ default: m.InboxPage })));
const AgreementPrintPage = lazy(() => import('./features/sessions/AgreementPrintPage').then((m) => ({ default: m.AgreementPrintPage })));
const PublicReportPage = lazy(() => import('./features/public/PublicPages').then((m) => ({ default: m.PublicReportPage })));
const TrackReportPage = lazy(() => import('./features/public/PublicPages').then((m) => ({ default: m.TrackReportPage })));
const ActivitiesPage = lazy(() => import('./features/activities/ActivitiesPage').then((m) => ({ default: m.ActivitiesPage })));
const DashboardPage = lazy(() => import('./features/dashboard/DashboardPage').then((m) => ({ default: m.DashboardPage })));
const AccountPage = lazy(() => import('./features/account/AccountPage').then((m) => ({ default: m.AccountPage })));
const EnrolmentRequiredPage = lazy(() => import('./features/account/EnrolmentRequiredPage').then((m) => ({ default: m.EnrolmentRequiredPage })));
const AdminPage = lazy(() => import('./features/admin/AdminPage').then((m) => ({ default: m.AdminPage })));
const AuditPage = lazy(() => import('./features/audit/AuditPage').then((m) => ({ default: m.AuditPage })));

/**
 * A page's chunk that fails to load — typically a console left open across a new deployment,
 * whose old chunk names are gone — offers a reload instead of a blank screen. Leaving for another
 * page (a new `resetKey`) tries again.
 */
class PageBoundary extends Component<{ resetKey: string; children: ReactNode }, { failed: boolean; resetKey: string }> {
  state = { failed: false, resetKey: this.props.resetKey };

  static getDerivedStateFromError(): Partial<{ failed: boolean }> {
    return { failed: true };
  }

  static getDerivedStateFromProps(props: { resetKey: string }, state: { failed: boolean; resetKey: string }) {
    return props.resetKey === state.resetKey ? null : { failed: false, resetKey: props.resetKey };
  }

  render() {
    return this.state.failed ? <PageLoadFailed /> : this.props.children;
  }
}

function PageLoadFailed() {
  const { t } = useTranslation();
  return (
    <Result
      status="warning"
      title={t('app.pageLoadFailed')}
      extra={<Button type="primary" onClick={() => window.location.reload()} data-testid="page-reload">{t('app.reload')}</Button>}
      data-testid="page-load-failed"
    />
  );
}

/** Lazy pages, each in its own chunk: a spinner while it loads, a reload offer if it cannot. */
function LazyPages({ children }: { children: ReactNode }) {
  const { pathname } = useLocation();
  return (
    <PageBoundary resetKey={pathname}>
      <Suspense fallback={<PageLoading />}>{children}</Suspense>
    </PageBoundary>
  );
}

/** Shown while a page's chunk loads (normally a moment; longer on a slow line). */
function PageLoading() {
  const { t } = useTranslation();
  return (
    <div style={{ display: 'flex', justifyContent: 'center', padding: 48 }} data-testid="page-loading">
      <Spin tip={t('app.loading')}>
        <div style={{ width: 120, height: 60 }} />
      </Spin>
    </div>
  );
}

function SignedInConsole() {
  const { t } = useTranslation();
  const { data, loading, error, refetch } = useQuery(MeQuery, { fetchPolicy: 'network-only' });
  const me = data?.me;

  useEffect(() => {
    // A token the server no longer knows: `me` is null rather than an error.
    if (!loading && !error && data && !me) expireSession();
  }, [loading, error, data, me]);

  if (!me) {
    if (error) return <Result status="error" title={t('app.error', { message: errorMessage(error) })} />;
    return <Spin fullscreen tip={t('app.loading')} />;
  }
  // A role that must use two-factor sign-in, not enrolled yet: the api allows nothing but enrolment.
  if (me.twoFactorRequired && !me.twoFactorEnabled) {
    return (
      <LazyPages>
        <EnrolmentRequiredPage onDone={() => void refetch()} />
      </LazyPages>
    );
  }
  const kind = consoleKind(me);

  return (
    <ViewerContext.Provider value={me}>
      <LiveProvider agency={kind === 'agency'}>
        <AppLayout>
          <LazyPages>
            {kind === 'auditor' ? (
              // 审计员: the audit log and nothing else (no matters, no events).
              <Routes>
                <Route path="/audit" element={<AuditPage />} />
                <Route path="*" element={<Navigate to="/audit" replace />} />
              </Routes>
            ) : kind === 'coordinator' ? (
              <Routes>
                <Route path="/matters" element={<MatterListPage />} />
                <Route path="/matters/new" element={<ReportMatterPage />} />
                <Route path="/matters/:id" element={<MatterDetailPage />} />
                <Route path="/matters/:id/sessions/:sessionId/agreement" element={<AgreementPrintPage />} />
                <Route path="/activities" element={<ActivitiesPage />} />
                <Route path="/dashboard" element={<DashboardPage />} />
                {me.role === 'ADMIN' && <Route path="/admin" element={<AdminPage />} />}
                <Route path="/account" element={<AccountPage />} />
                {me.role === 'ADMIN' && <Route path="/audit" element={<AuditPage />} />}
                <Route path="*" element={<Navigate to="/matters" replace />} />
              </Routes>
            ) : (
              <Routes>
                <Route path="/inbox" element={<InboxPage />} />
                <Route path="/account" element={<AccountPage />} />
                <Route path="/matters/:id" element={<MatterDetailPage />} />
                <Route path="/matters/:id/sessions/:sessionId/agreement" element={<AgreementPrintPage />} />
                <Route path="*" element={<Navigate to="/inbox" replace />} />
              </Routes>
            )}
          </LazyPages>
        </AppLayout>
      </LiveProvider>
    </ViewerContext.Provider>
  );
}

function Shell() {
  const { token } = useSession();
  // One Apollo client and one socket per session: a new login never reuses the last user's cache
  // or connection.
  const { client, ws } = useMemo(() => {
    const socket = createWsClient();
    return { client: createApolloClient(socket), ws: socket };
  }, [token]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(
    () => () => {
      void ws.dispose();
      client.stop();
      connectionEvents.reset();
    },
    [client, ws],
  );

  return (
    <ApolloProvider client={client}>
      <LazyPages>
        <Routes>
          <Route path="/login" element={<LoginPage />} />
          <Route path="/report" element={<PublicReportPage />} />
          <Route path="/track" element={<TrackReportPage />} />
          <Route path="*" element={token ? <SignedInConsole /> : <Navigate to="/login" replace />} />
        </Routes>
      </LazyPages>
    </ApolloProvider>
  );
}

export function App() {
  const { i18n } = useTranslation();
  useKeyboardScrollableTables();
  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCN} theme={consoleTheme}>
      {/* Toasts open below the header, never over its status, language and sign-out. */}
      <AntApp notification={{ top: 72 }} message={{ top: 72 }}>
        <LiveAnnouncer>
          <BrowserRouter>
            <Shell />
          </BrowserRouter>
        </LiveAnnouncer>
      </AntApp>
    </ConfigProvider>
  );
}
