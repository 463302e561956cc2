import { useState, type ReactNode } from 'react';
import { Alert, Button, Card, Descriptions, Form, Input, Result, Space, Spin, Typography } from 'antd';
import { useLazyQuery, useMutation, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { PublicMatterStatusQuery } from '../../gql/graphql';
import { PublicCommunitiesQuery, PublicMatterStatusQuery as PublicMatterStatusDocument, SubmitPublicReportMutation } from '../../graphql/lifecycle.operations';
import { formatDateTime } from '../../i18n';
import { LanguageSwitch } from '../../layout/LanguageSwitch';
import { errorCode, errorMessage } from '../../ui/errors';
import { StatusTag } from '../../ui/labels';
import { PublicReportForm, type PublicReportValues } from './PublicReportForm';

type PublicStatus = PublicMatterStatusQuery['publicMatterStatus'];

function PublicFrame({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="login-screen public-screen">
      <Card className="public-card" data-testid="public-page">
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline', gap: 8 }}>
          <Typography.Title level={3} style={{ marginTop: 0 }}>{title}</Typography.Title>
          <LanguageSwitch />
        </div>
        {children}
        <Space style={{ marginTop: 16 }} wrap>
          <Link to="/report">{t('lifecycle.public.title')}</Link>
          <Link to="/track" data-testid="public-track-link">{t('lifecycle.public.trackLink')}</Link>
          <Link to="/login">{t('lifecycle.public.toLogin')}</Link>
        </Space>
      </Card>
    </div>
  );
}

/** A report's public status, worded in the resident's language from the status itself. */
export function StatusDescriptions({ status }: { status: Pick<PublicStatus, 'reference' | 'status' | 'reportedAt' | 'updatedAt'> }) {
  const { t } = useTranslation();
  return (
    <Descriptions size="small" column={1} bordered data-testid="public-status" data-status={status.status}>
      <Descriptions.Item label={t('lifecycle.public.reference')}>{status.reference}</Descriptions.Item>
      <Descriptions.Item label={t('lifecycle.public.status')}>
        <Space wrap><StatusTag status={status.status} /><span data-testid="public-status-text">{t(`lifecycle.public.statusText.${status.status}`)}</span></Space>
      </Descriptions.Item>
      <Descriptions.Item label={t('lifecycle.public.reportedAt')}>{formatDateTime(status.reportedAt)}</Descriptions.Item>
      <Descriptions.Item label={t('lifecycle.public.updatedAt')}>{formatDateTime(status.updatedAt)}</Descriptions.Item>
    </Descriptions>
  );
}

/** /report — a resident reports a matter without signing in and gets a tracking code. */
export function PublicReportPage() {
  const { t } = useTranslation();
  const communities = useQuery(PublicCommunitiesQuery);
  const [submit, { loading }] = useMutation(SubmitPublicReportMutation);
  const [receipt, setReceipt] = useState<{ trackingCode: string; status: PublicStatus } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [formKey, setFormKey] = useState(0);

  async function send(values: PublicReportValues) {
    setError(null);
    try {
      const { data } = await submit({ variables: { input: values } });
      if (data) setReceipt(data.submitPublicReport);
    } catch (e) {
      const code = errorCode(e);
      setError(code === 'TOO_MANY_REQUESTS' || code === 'RATE_LIMITED' ? t('lifecycle.public.rateLimited') : t('app.error', { message: errorMessage(e) }));
    }
  }

  if (receipt) {
    return (
      <PublicFrame title={t('lifecycle.public.title')}>
        <Result
          status="success"
          title={t('lifecycle.public.success')}
          subTitle={t('lifecycle.public.keepIt')}
          extra={
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Typography.Text>{t('lifecycle.public.trackingCode')}</Typography.Text>
              <Typography.Text copyable strong style={{ fontSize: 24, letterSpacing: 2 }} data-testid="tracking-code">
                {receipt.trackingCode}
              </Typography.Text>
              <StatusDescriptions status={receipt.status} />
              <Button onClick={() => { setReceipt(null); setFormKey((k) => k + 1); }} data-testid="public-another">
                {t('lifecycle.public.another')}
              </Button>
            </Space>
          }
        />
      </PublicFrame>
    );
  }

  return (
    <PublicFrame title={t('lifecycle.public.title')}>
      <Typography.Paragraph type="secondary">{t('lifecycle.public.intro')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="public-error" />}
      {communities.data ? (
        <PublicReportForm key={formKey} communities={communities.data.publicCommunities} onSubmit={send} submitting={loading} />
      ) : communities.error ? (
        <Alert type="error" title={errorMessage(communities.error)} />
      ) : (
        <Spin />
      )}
    </PublicFrame>
  );
}

/** /track — look a report up by its tracking code. */
export function TrackReportPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const [lookup, { data, loading, error }] = useLazyQuery(PublicMatterStatusDocument, { fetchPolicy: 'network-only' });
  const initial = params.get('code') ?? '';

  return (
    <PublicFrame title={t('lifecycle.public.trackTitle')}>
      <Form
        layout="inline"
        data-testid="track-form"
        initialValues={{ code: initial }}
        onFinish={({ code }: { code: string }) => {
          const trackingCode = code.trim().toUpperCase();
          setParams({ code: trackingCode }, { replace: true });
          void lookup({ variables: { trackingCode } }).catch(() => {});
        }}
        style={{ marginBottom: 16, rowGap: 8 }}
      >
        <Form.Item name="code" label={t('lifecycle.public.code')} rules={[{ required: true, whitespace: true, message: t('lifecycle.public.v.codeRequired') }]}>
          <Input autoComplete="off" maxLength={20} data-testid="track-code" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={loading} data-testid="track-submit">{t('lifecycle.public.lookup')}</Button>
      </Form>
      {error && (
        <Alert
          type={errorCode(error) === 'NOT_FOUND' ? 'warning' : 'error'}
          showIcon
          data-testid="track-not-found"
          title={errorCode(error) === 'NOT_FOUND' ? t('lifecycle.public.notFound') : t('app.error', { message: errorMessage(error) })}
        />
      )}
      {data && !error && <StatusDescriptions status={data.publicMatterStatus} />}
    </PublicFrame>
  );
}
