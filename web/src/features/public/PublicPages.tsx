import { useEffect, useState, type ReactNode } from 'react';
import { Alert, Button, Card, ConfigProvider, Descriptions, Form, Input, Progress, Result, Space, Spin, Typography } from 'antd';
import { useLazyQuery, useMutation, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { PublicMatterStatusQuery } from '../../gql/graphql';
import { PublicCommunitiesQuery, PublicMatterStatusQuery as PublicMatterStatusDocument, SubmitPublicReportMutation } from '../../graphql/lifecycle.operations';
import { formatDateTime } from '../../i18n';
import { LanguageSwitch } from '../../layout/LanguageSwitch';
import { errorCode, errorMessage } from '../../ui/errors';
import { StatusTag } from '../../ui/labels';
import { useAnnounce } from '../../ui/a11y';
import { elderTheme } from '../../ui/theme';
import { ElderModeSwitch, groupCode, useElderMode } from './ElderMode';
import { PublicReportForm, type PublicReportValues } from './PublicReportForm';
import { putFile } from '../attachments/put-file';

type PublicStatus = PublicMatterStatusQuery['publicMatterStatus'];

function PublicFrame({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  const elder = useElderMode();
  const page = (
    <main className={`login-screen public-screen${elder ? ' elder-mode' : ''}`} data-elder={elder ? 'on' : 'off'}>
      <Card className="public-card" data-testid="public-page">
        <div className="public-head">
          <Typography.Title level={1} className="public-title">{title}</Typography.Title>
          <Space wrap size="middle">
            <ElderModeSwitch />
            <LanguageSwitch />
          </Space>
        </div>
        {children}
        <nav aria-label={t('a11y.mainNav')}>
          <Space style={{ marginTop: 16 }} wrap>
            <Link to="/report">{t('lifecycle.public.title')}</Link>
            <Link to="/track" data-testid="public-track-link">{t('lifecycle.public.trackLink')}</Link>
            <Link to="/login">{t('lifecycle.public.toLogin')}</Link>
          </Space>
        </nav>
      </Card>
    </main>
  );
  return elder ? <ConfigProvider theme={elderTheme}>{page}</ConfigProvider> : page;
}

/** The tracking code in groups of four, and spelled out, character by character, to screen readers. */
function TrackingCode({ code }: { code: string }) {
  const { t } = useTranslation();
  const groups = groupCode(code);
  return (
    <Typography.Text copyable={{ text: code }} strong className="tracking-code">
      <span aria-hidden="true" data-testid="tracking-code" data-code={code}>{groups.join(' ')}</span>
      <span className="sr-only">{t('a11y.public.codeSpelled', { spelled: groups.map((g) => [...g].join(' ')).join('，') })}</span>
    </Typography.Text>
  );
}

/** What the status means for the resident, in one plain sentence (not only a coloured tag). */
function StatusSentence({ status }: { status: Pick<PublicStatus, 'reference' | 'status'> }) {
  const { t } = useTranslation();
  return (
    <Typography.Paragraph className="public-status-sentence" data-testid="public-status-sentence">
      {t(`a11y.public.statusSentence.${status.status}`, { reference: status.reference })}
    </Typography.Paragraph>
  );
}

/** A report's public status, worded in the resident's language from the status itself. */
export function StatusDescriptions({ status }: { status: Pick<PublicStatus, 'reference' | 'status' | 'reportedAt' | 'updatedAt'> }) {
  const { t } = useTranslation();
  const elder = useElderMode();
  return (
    <>
    <StatusSentence status={status} />
    <Descriptions size="small" column={1} bordered layout={elder ? 'vertical' : 'horizontal'} data-testid="public-status" data-status={status.status}>
      <Descriptions.Item label={t('lifecycle.public.reference')}>{status.reference}</Descriptions.Item>
      <Descriptions.Item label={t('lifecycle.public.status')}>
        <Space wrap><StatusTag status={status.status} /><span data-testid="public-status-text">{t(`lifecycle.public.statusText.${status.status}`)}</span></Space>
      </Descriptions.Item>
      <Descriptions.Item label={t('lifecycle.public.reportedAt')}>{formatDateTime(status.reportedAt)}</Descriptions.Item>
      <Descriptions.Item label={t('lifecycle.public.updatedAt')}>{formatDateTime(status.updatedAt)}</Descriptions.Item>
    </Descriptions>
    </>
  );
}

/** /report — a resident reports a matter without signing in and gets a tracking code. */
export function PublicReportPage() {
  const { t } = useTranslation();
  const elder = useElderMode();
  const say = useAnnounce();
  const communities = useQuery(PublicCommunitiesQuery);
  const [submit, { loading }] = useMutation(SubmitPublicReportMutation);
  const [receipt, setReceipt] = useState<{ trackingCode: string; status: PublicStatus } | null>(null);
  const [photoProgress, setPhotoProgress] = useState<{ done: number; total: number; percent: number; failures: string[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [formKey, setFormKey] = useState(0);

  async function send(values: PublicReportValues) {
    setError(null);
    try {
      const { photos, ...report } = values;
      const { data } = await submit({ variables: { input: { ...report, photos: photos.map((f) => ({ fileName: f.name, size: f.size })) } } });
      if (data) {
        // The tracking code first: it matters even if a photo fails.
        setReceipt(data.submitPublicReport);
        say(`${t('lifecycle.public.success')}. ${t('lifecycle.public.keepIt')}`);
        const links = data.submitPublicReport.photoUploads;
        if (links.length > 0) await uploadPhotos(photos, links.map((l) => l.url));
      }
    } catch (e) {
      const code = errorCode(e);
      setError(code === 'TOO_MANY_REQUESTS' ? t('lifecycle.public.rateLimited') : t('app.error', { message: errorMessage(e) }));
    }
  }

  async function uploadPhotos(files: File[], urls: string[]) {
    const failures: string[] = [];
    setPhotoProgress({ done: 0, total: files.length, percent: 0, failures });
    for (let i = 0; i < files.length; i++) {
      const file = files[i]!;
      try {
        await putFile(urls[i]!, file, (p) => setPhotoProgress({ done: i, total: files.length, percent: Math.round(((i + p / 100) / files.length) * 100), failures }));
      } catch (e) {
        failures.push(t('lifecycle.public.photoFailed', { name: file.name, message: errorMessage(e) }));
      }
    }
    setPhotoProgress({ done: files.length, total: files.length, percent: 100, failures });
    const uploaded = files.length - failures.length;
    say([uploaded > 0 ? t('lifecycle.public.photosUploaded', { count: uploaded }) : '', ...failures].filter(Boolean).join('. '));
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
              <TrackingCode code={receipt.trackingCode} />
              <StatusDescriptions status={receipt.status} />
              {photoProgress && (
                <div data-testid="public-photo-upload" data-state={photoProgress.done === photoProgress.total ? 'done' : 'uploading'} data-failed={photoProgress.failures.length}>
                  {photoProgress.done < photoProgress.total ? (
                    <Typography.Text>{t('lifecycle.public.uploadingPhotos', { done: photoProgress.done, total: photoProgress.total })}</Typography.Text>
                  ) : (
                    photoProgress.total > photoProgress.failures.length && (
                      <Typography.Text type="success">{t('lifecycle.public.photosUploaded', { count: photoProgress.total - photoProgress.failures.length })}</Typography.Text>
                    )
                  )}
                  <Progress
                    percent={photoProgress.percent}
                    status={photoProgress.failures.length ? 'exception' : undefined}
                    aria-label={t('lifecycle.public.uploadingPhotos', { done: photoProgress.done, total: photoProgress.total })}
                  />
                  {photoProgress.failures.map((f) => (
                    <Alert key={f} type="error" showIcon title={f} />
                  ))}
                </div>
              )}
              <Button onClick={() => { setReceipt(null); setPhotoProgress(null); setFormKey((k) => k + 1); }} data-testid="public-another">
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
      <Typography.Paragraph type="secondary">{t(elder ? 'a11y.elder.intro' : 'lifecycle.public.intro')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="public-error" />}
      {communities.data ? (
        <PublicReportForm
          key={formKey}
          communities={communities.data.publicCommunities}
          onSubmit={send}
          submitting={loading}
          maxPhotos={communities.data.publicReportMaxPhotos}
        />
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
  const elder = useElderMode();
  const say = useAnnounce();
  const [params, setParams] = useSearchParams();
  const [lookup, { data, loading, error }] = useLazyQuery(PublicMatterStatusDocument, { fetchPolicy: 'network-only' });
  const initial = params.get('code') ?? '';
  const found = data && !error ? data.publicMatterStatus : null;

  // The answer appears below the form; a screen reader hears it without having to look for it.
  useEffect(() => {
    if (found) say(t(`a11y.public.statusSentence.${found.status}`, { reference: found.reference }));
  }, [found, say, t]);
  useEffect(() => {
    if (error) say(errorCode(error) === 'NOT_FOUND' ? t('lifecycle.public.notFound') : t('app.error', { message: errorMessage(error) }));
  }, [error, say, t]);

  return (
    <PublicFrame title={t('lifecycle.public.trackTitle')}>
      <Form
        layout={elder ? 'vertical' : 'inline'}
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
      {found && <StatusDescriptions status={found} />}
    </PublicFrame>
  );
}
