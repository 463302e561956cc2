import { useState } from 'react';
import { App, Button, Card, Checkbox, Empty, Image, Input, List, Progress, Space, Tag, Typography, Upload } from 'antd';
import { FileOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import type { MatterDetailQuery as MatterDetailData } from '../../gql/graphql';
import { formatDateTime } from '../../i18n';
import { useActivity } from '../../live/LiveProvider';
import { consoleKind, type Viewer } from '../../session/viewer';
import { errorMessage } from '../../ui/errors';
import { MatterAttachmentsQuery, RequestAttachmentUploadMutation } from './attachments.operations';
import { putFile } from './put-file';

type Matter = NonNullable<MatterDetailData['matter']>;

/** Signed links live a few minutes: the list is fetched again well before they expire. */
const REFRESH_MS = 4 * 60_000;

/**
 * Who may file evidence (the api checks again): the matter's coordinators, grid workers and
 * mediators, and an agency whose organization accepted an invitation; not once it is final.
 */
export function canAttach(viewer: Viewer, matter: Pick<Matter, 'status' | 'jointRequests'>): boolean {
  if (matter.status === 'WITHDRAWN' || matter.status === 'CLOSED') return false;
  if (consoleKind(viewer) === 'agency') {
    return matter.jointRequests.some((r) => r.invitations.some((i) => i.organization.id === viewer.organization.id && i.status === 'ACCEPTED'));
  }
  return viewer.role === 'COORDINATOR' || viewer.role === 'GRID_WORKER' || viewer.role === 'MEDIATOR';
}

const sizeText = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

/** 证据材料: the matter's files — a gallery of photos, a list of documents — and an upload with progress. */
export function AttachmentsCard({ matter, viewer }: { matter: Matter; viewer: Viewer }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { data, refetch } = useQuery(MatterAttachmentsQuery, { variables: { id: matter.id }, pollInterval: REFRESH_MS });
  const [requestUpload] = useMutation(RequestAttachmentUploadMutation);
  const [description, setDescription] = useState('');
  const [personal, setPersonal] = useState(false);
  const [progress, setProgress] = useState<{ name: string; percent: number } | null>(null);
  // A new file, and anything that changes what the viewer may see (an invitation accepted).
  useActivity((event) => {
    if (event.matterId === matter.id) void refetch();
  });

  const files = data?.matter?.attachments ?? [];
  const images = files.filter((f) => f.kind === 'IMAGE' && f.thumbnailUrl);
  const others = files.filter((f) => !(f.kind === 'IMAGE' && f.thumbnailUrl));

  async function upload(file: File): Promise<void> {
    setProgress({ name: file.name, percent: 0 });
    try {
      const ticket = await requestUpload({
        variables: { input: { matterId: matter.id, fileName: file.name, size: file.size, description: description.trim() || null, containsPersonalData: personal } },
      });
      await putFile(ticket.data!.requestAttachmentUpload.url, file, (percent) => setProgress({ name: file.name, percent }));
      message.success(t('attachments.uploaded', { name: file.name }));
      setDescription('');
      setPersonal(false);
      await refetch();
    } catch (e) {
      message.error(t('attachments.failed', { name: file.name, message: errorMessage(e) }));
    } finally {
      setProgress(null);
    }
  }

  const byline = (f: (typeof files)[number]) =>
    f.source === 'PUBLIC_REPORT'
      ? t('attachments.byResident', { time: formatDateTime(f.createdAt) })
      : t('attachments.by', { author: f.uploadedBy?.displayName ?? '', organization: f.organization?.name ?? '', time: formatDateTime(f.createdAt) });

  return (
    <Card title={t('attachments.title')} data-testid="attachments" data-count={files.length}>
      {files.length === 0 && <Empty description={t('attachments.empty')} image={Empty.PRESENTED_IMAGE_SIMPLE} />}
      {images.length > 0 && (
        <Image.PreviewGroup>
          <Space wrap size="middle" style={{ marginBottom: 12 }}>
            {images.map((f) => (
              <figure key={f.id} style={{ margin: 0, width: 140 }} data-testid="attachment-image" data-name={f.fileName} data-source={f.source} title={byline(f)}>
                <Image src={f.thumbnailUrl!} preview={{ src: f.url }} width={140} height={105} style={{ objectFit: 'cover' }} alt={f.description || f.fileName} />
                <figcaption>
                  <Typography.Text ellipsis style={{ width: 140, display: 'block' }} title={f.fileName}>
                    {f.fileName}
                  </Typography.Text>
                  {f.containsPersonalData && <Tag color="orange">{t('attachments.personalTag')}</Tag>}
                </figcaption>
              </figure>
            ))}
          </Space>
        </Image.PreviewGroup>
      )}
      {others.length > 0 && (
        <List
          size="small"
          dataSource={others}
          renderItem={(f) => (
            <List.Item
              data-testid="attachment-file"
              data-name={f.fileName}
              actions={[
                <a key="download" href={f.url} download={f.fileName}>
                  {t('attachments.download')}
                </a>,
              ]}
            >
              <List.Item.Meta
                avatar={<FileOutlined aria-hidden />}
                title={
                  <Space wrap>
                    <span>{f.fileName}</span>
                    <Tag>{t(`attachments.kind.${f.kind}`)}</Tag>
                    {f.containsPersonalData && <Tag color="orange">{t('attachments.personalTag')}</Tag>}
                    <Typography.Text type="secondary">{sizeText(f.size)}</Typography.Text>
                  </Space>
                }
                description={
                  <>
                    {f.description && <div>{f.description}</div>}
                    <div>{byline(f)}</div>
                    <Typography.Text type="secondary" copyable={{ text: f.sha256 }} title={t('attachments.sha256')}>
                      SHA-256 {f.sha256.slice(0, 16)}…
                    </Typography.Text>
                  </>
                }
              />
            </List.Item>
          )}
        />
      )}
      {canAttach(viewer, matter) && (
        <Space direction="vertical" style={{ width: '100%', marginTop: 12 }}>
          <Input
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            placeholder={t('attachments.descriptionPlaceholder')}
            aria-label={t('attachments.description')}
            maxLength={500}
            data-testid="attachment-description"
          />
          <Checkbox checked={personal} onChange={(e) => setPersonal(e.target.checked)} data-testid="attachment-personal">
            {t('attachments.personal')}
          </Checkbox>
          <Upload
            showUploadList={false}
            multiple
            disabled={progress !== null}
            beforeUpload={(file) => {
              void upload(file);
              return false; // we send it ourselves: a signed URL, not a multipart POST
            }}
          >
            <Button icon={<UploadOutlined />} loading={progress !== null} data-testid="attachment-upload">
              {t('attachments.add')}
            </Button>
          </Upload>
          {progress && (
            <div role="status" aria-live="polite">
              <Typography.Text>{t('attachments.uploading', { name: progress.name })}</Typography.Text>
              <Progress percent={progress.percent} size="small" data-testid="attachment-progress" />
            </div>
          )}
          <Typography.Text type="secondary">{t('attachments.hint')}</Typography.Text>
        </Space>
      )}
    </Card>
  );
}
