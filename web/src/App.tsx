import { useEffect, useMemo } from 'react';
import { App as AntApp, ConfigProvider, Result, Spin } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { ApolloProvider, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { createApolloClient, createWsClient } from './apollo/client';
import { connectionEvents } from './apollo/connection';
import { MeQuery } from './graphql/operations';
import { expireSession, useSession } from './session/session';
import { ViewerContext, consoleKind } from './session/viewer';
import { LiveProvider } from './live/LiveProvider';
import { AppLayout } from './layout/AppLayout';
import { LoginPage } from './pages/LoginPage';
import { MatterListPage } from './features/matters/MatterListPage';
import { ReportMatterPage } from './features/matters/ReportMatterPage';
import { MatterDetailPage } from './features/matters/MatterDetailPage';
import { InboxPage } from './features/agency/InboxPage';
import { AgreementPrintPage } from './features/sessions/AgreementPrintPage';
import { PublicReportPage, TrackReportPage } from './features/public/PublicPages';
import { ActivitiesPage } from './features/activities/ActivitiesPage';
import { DashboardPage } from './features/dashboard/DashboardPage';
import { AdminPage } from './features/admin/AdminPage';
import { errorMessage } from './ui/errors';

function SignedInConsole() {
  const { t } = useTranslation();
  const { data, loading, error } = useQuery(MeQuery, { fetchPolicy: 'network-only' });
  const me = data?.me;

  useEffect(() => {
    // A token the server no longer knows: `me` is null rather than an error.
    if (!loading && !error && data && !me) expireSession();
  }, [loading, error, data, me]);

  if (!me) {
    if (error) return <Result status="error" title={t('app.error', { message: errorMessage(error) })} />;
    return <Spin fullscreen tip={t('app.loading')} />;
  }
  const kind = consoleKind(me);

  return (
    <ViewerContext.Provider value={me}>
      <LiveProvider agency={kind === 'agency'}>
        <AppLayout>
          {kind === 'coordinator' ? (
            <Routes>
              <Route path="/matters" element={<MatterListPage />} />
              <Route path="/matters/new" element={<ReportMatterPage />} />
              <Route path="/matters/:id" element={<MatterDetailPage />} />
              <Route path="/matters/:id/sessions/:sessionId/agreement" element={<AgreementPrintPage />} />
              <Route path="/activities" element={<ActivitiesPage />} />
              <Route path="/dashboard" element={<DashboardPage />} />
              {me.role === 'ADMIN' && <Route path="/admin" element={<AdminPage />} />}
              <Route path="*" element={<Navigate to="/matters" replace />} />
            </Routes>
          ) : (
            <Routes>
              <Route path="/inbox" element={<InboxPage />} />
              <Route path="/matters/:id" element={<MatterDetailPage />} />
              <Route path="/matters/:id/sessions/:sessionId/agreement" element={<AgreementPrintPage />} />
              <Route path="*" element={<Navigate to="/inbox" replace />} />
            </Routes>
          )}
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
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route path="/report" element={<PublicReportPage />} />
        <Route path="/track" element={<TrackReportPage />} />
        <Route path="*" element={token ? <SignedInConsole /> : <Navigate to="/login" replace />} />
      </Routes>
    </ApolloProvider>
  );
}

export function App() {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCN} theme={{ token: { colorPrimary: '#b22222' } }}>
      <AntApp>
        <BrowserRouter>
          <Shell />
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  );
}
