import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { requestLoader, type Context } from '../../context';
import type { Config } from '../../config';
import { badInput, conflict, DomainError, notFound, unauthenticated } from '../../errors';
import { mutate, type EventRecorder } from '../../events/event.service';
import { logger } from '../../logger';
import { EventType, MatterStatus, PiiAccessVia } from '../common/enums';
import { authorizeMatter, loadVisibleMatter, matterAccess } from '../../policy';
import { Matter as MatterEntity, type Matter } from '../matter/matter.entity';
import { PublicReport } from '../public-report/public-report.entity';
import { addressKey, type LimitSpec } from '../../http/rate-limit';
import { PiiAccessLog } from '../matter/matter.entity';
import { recordMatterEvent } from '../matter/matter.service';
import { Opinion } from '../opinion/opinion.entity';
import { JointSession } from '../session/session.entity';
import { Attachment, AttachmentKind, AttachmentSource } from './attachment.entity';
import { linkKey, readLink, signLink, type LinkClaims } from './file-links';
import { inspect, reencodeImage, sanitizeFileName, sha256, type Inspection } from './file-inspection';
import { fileStoreFor, type FileStore } from './file-store';

const FINAL_STATUSES = [MatterStatus.WITHDRAWN, MatterStatus.CLOSED];
const DESCRIPTION_MAX = 500;

/** Photo uploads of public reports per client address per 10 minutes (with the 5 reports, their photos and a few retries). */
export const PHOTO_LIMIT: LimitSpec = { points: 30, durationSeconds: 10 * 60 };
export const publicPhotoMaxBytes = (config: Config) => Math.floor(Math.min(config.PUBLIC_REPORT_PHOTO_MAX_MB, config.ATTACHMENT_MAX_MB) * 1024 * 1024);

type StoredFile = Pick<Attachment, 'id' | 'kind' | 'mimeType' | 'size' | 'sha256' | 'originalSha256' | 'storageKey' | 'thumbnailKey' | 'createdAt'>;

const stores = new WeakMap<Config, FileStore>();
/** One store per configuration (per api instance). */
export function fileStore(config: Config): FileStore {
  let store = stores.get(config);
  if (!store) stores.set(config, (store = fileStoreFor(config)));
  return store;
}

export interface UploadRequest {
  matterId: string;
  sessionId?: string | null;
  opinionId?: string | null;
  fileName: string;
  size: number;
  description?: string | null;
  containsPersonalData?: boolean | null;
}

export interface FileBody {
  body: Buffer;
  mimeType: string;
  fileName: string;
  /** inline for images and PDF previews, attachment for the rest */
  inline: boolean;
}

/** Who sees a file: whoever sees the matter; one holding personal data, whoever sees parties' PII. */
async function mayRead(ctx: Context, matter: Matter, a: Pick<Attachment, 'containsPersonalData'>): Promise<boolean> {
  const access = await matterAccess(ctx, matter);
  return access.visible && (!a.containsPersonalData || access.sensitive);
}

/** The attachments of every matter of a request at once: one statement, oldest first. */
export const attachmentsLoader = requestLoader<string, Attachment[]>(async (_ctx, em, matterIds) => {
  const rows = await em.find(Attachment, { matter: { $in: [...new Set(matterIds)] } }, { orderBy: { createdAt: 'asc', id: 'asc' } });
  const byMatter = new Map<string, Attachment[]>();
  for (const a of rows) byMatter.set(a.matter.id, [...(byMatter.get(a.matter.id) ?? []), a]);
  return matterIds.map((id) => byMatter.get(id) ?? []);
});

export class AttachmentService {
  constructor(private readonly ctx: Context) {}

  private get store(): FileStore {
    return fileStore(this.ctx.config);
  }

  private get maxBytes(): number {
    return Math.floor(this.ctx.config.ATTACHMENT_MAX_MB * 1024 * 1024);
  }

  /** What the viewer may see of a matter's files (personal-data files only with PII rights). */
  async visibleOn(matter: Matter): Promise<Attachment[]> {
    const all = await attachmentsLoader(this.ctx).load(matter.id);
    const access = await matterAccess(this.ctx, matter);
    if (!access.visible) return [];
    return all.filter((a) => !a.containsPersonalData || access.sensitive);
  }

  /** A signed link to one variant of a file, for the viewer's session, valid for a few minutes. */
  async link(a: Attachment, variant: 'original' | 'thumbnail'): Promise<string | null> {
    const viewer = this.ctx.viewer;
    if (!viewer) throw unauthenticated();
    if (variant === 'thumbnail' && !a.thumbnailKey) return null;
    const key = await linkKey(this.ctx.em);
    const exp = this.ctx.clock.now().getTime() + this.ctx.config.ATTACHMENT_LINK_SECONDS * 1000;
    return `/files/${signLink(key, { t: 'download', attachmentId: a.id, variant, sessionId: viewer.sessionId, exp })}`;
  }

  /**
   * Step one of an upload: checks that the viewer may file evidence on the matter (and on the
   * session or opinion named) and that the file fits the limits, then returns a signed URL to PUT
   * the bytes to. Nothing is written yet.
   */
  async requestUpload(input: UploadRequest): Promise<{ url: string; expiresAt: Date; maxBytes: number }> {
    const viewer = this.ctx.viewer;
    if (!viewer) throw unauthenticated();
    if (!Number.isInteger(input.size) || input.size <= 0) throw badInput('The file is empty', 'size');
    if (input.size > this.maxBytes) throw new DomainError('BAD_USER_INPUT', `A file may be at most ${this.ctx.config.ATTACHMENT_MAX_MB} MB`, { field: 'size', reason: 'TOO_LARGE' });
    const description = input.description?.trim() || null;
    if (description && description.length > DESCRIPTION_MAX) throw badInput(`A description has at most ${DESCRIPTION_MAX} characters`, 'description');
    const matter = await loadVisibleMatter(this.ctx, input.matterId);
    await authorizeMatter(this.ctx, 'addAttachment', matter, this.ctx.em, { message: 'Evidence is filed by the community staff of the matter and by the agencies that accepted an invitation to it' });
    await this.checkTarget(this.ctx.em, matter, input);
    const key = await linkKey(this.ctx.em);
    const expiresAt = new Date(this.ctx.clock.now().getTime() + this.ctx.config.ATTACHMENT_LINK_SECONDS * 1000);
    const claims: LinkClaims = {
      t: 'upload',
      attachmentId: randomUUID(),
      matterId: matter.id,
      jointSessionId: input.sessionId ?? null,
      opinionId: input.opinionId ?? null,
      fileName: input.fileName,
      description,
      personal: input.containsPersonalData ?? false,
      sessionId: viewer.sessionId,
      exp: expiresAt.getTime(),
    };
    return { url: `/files/upload/${signLink(key, claims)}`, expiresAt, maxBytes: this.maxBytes };
  }

  private async checkTarget(em: EntityManager, matter: Matter, input: { sessionId?: string | null; opinionId?: string | null }): Promise<void> {
    if (FINAL_STATUSES.includes(matter.status)) throw conflict('The matter is closed or withdrawn; its record is final', { reason: 'MATTER_FINAL' });
    if (input.sessionId && !(await em.count(JointSession, { id: input.sessionId, matter: matter.id }))) throw notFound('JointSession', input.sessionId);
    if (input.opinionId && !(await em.count(Opinion, { id: input.opinionId, matter: matter.id }))) throw notFound('Opinion', input.opinionId);
    const count = await em.count(Attachment, { matter: matter.id });
    if (count >= this.ctx.config.ATTACHMENT_MAX_PER_MATTER) {
      throw conflict(`A matter holds at most ${this.ctx.config.ATTACHMENT_MAX_PER_MATTER} files`, { reason: 'TOO_MANY_FILES' });
    }
  }

  /**
   * Step two: the bytes arrive at the signed URL. The type is decided from the content, images
   * are re-encoded and thumbnailed, the files are stored under the attachment's own keys and the
   * row and its event are written in one transaction; if that fails the stored files are removed,
   * so nothing is half-stored. A repeated PUT of the same link returns the file already filed.
   */
  async completeUpload(claims: Extract<LinkClaims, { t: 'upload' }>, body: Buffer): Promise<Attachment> {
    const viewer = this.ctx.viewer;
    if (!viewer) throw unauthenticated();
    const existing = await this.ctx.em.findOne(Attachment, { id: claims.attachmentId });
    if (existing) return existing;
    if (body.length > this.maxBytes) throw new DomainError('BAD_USER_INPUT', `A file may be at most ${this.ctx.config.ATTACHMENT_MAX_MB} MB`, { reason: 'TOO_LARGE' });
    const found = await inspect(body);
    if (!found.ok) {
      throw new DomainError('BAD_USER_INPUT', found.reason === 'EMPTY' ? 'The file is empty' : 'This kind of file is not accepted: images, PDF, Office documents or audio', {
        reason: found.reason,
      });
    }
    return this.storeAndFile(claims.attachmentId, body, found, async (em, events, file) => {
      const matter = await loadVisibleMatter(this.ctx, claims.matterId, em);
      await authorizeMatter(this.ctx, 'addAttachment', matter, em, { message: 'Evidence is filed by the community staff of the matter and by the agencies that accepted an invitation to it' });
      await this.checkTarget(em, matter, { sessionId: claims.jointSessionId, opinionId: claims.opinionId });
      const a = em.create(Attachment, {
        ...file,
        matter,
        sessionId: claims.jointSessionId,
        opinionId: claims.opinionId,
        fileName: sanitizeFileName(claims.fileName, file.mimeType, found.ext),
        description: claims.description,
        containsPersonalData: claims.personal,
        uploadedBy: viewer.userId,
        organization: viewer.organizationId,
        source: AttachmentSource.STAFF,
      });
      // A personal-data file's name may itself be personal ("张三身份证.jpg"): the timeline,
      // which agencies that have not accepted also read, does not carry it.
      await recordMatterEvent(em, events, matter, EventType.ATTACHMENT_ADDED, viewer.userId, {
        attachmentId: a.id,
        kind: a.kind,
        fileName: a.containsPersonalData ? null : a.fileName,
        containsPersonalData: a.containsPersonalData,
      });
      return a;
    });
  }

  /**
   * A photo of an anonymous public report arrives at the link submitPublicReport handed out.
   * Rate-limited per client address; images only (by content), re-encoded without EXIF (no
   * GPS position of the resident's phone), filed on the matter the report created with no
   * uploader, and always as holding personal data (a neighbour's door, a face): only who may see
   * the parties' data sees it, never the public tracking page. A repeated PUT files nothing new.
   */
  async completePublicUpload(claims: Extract<LinkClaims, { t: 'public-upload' }>, body: Buffer): Promise<Attachment> {
    await this.ctx.limits.take('public-report-photo', PHOTO_LIMIT, addressKey(this.ctx.ip), '上传过于频繁，请稍后再试 (too many uploads)');
    const existing = await this.ctx.em.findOne(Attachment, { id: claims.attachmentId });
    if (existing) return existing;
    const max = publicPhotoMaxBytes(this.ctx.config);
    if (body.length > max) throw new DomainError('BAD_USER_INPUT', `A photo may be at most ${this.ctx.config.PUBLIC_REPORT_PHOTO_MAX_MB} MB`, { reason: 'TOO_LARGE' });
    const found = await inspect(body);
    if (!found.ok || found.kind !== AttachmentKind.IMAGE) {
      throw new DomainError('BAD_USER_INPUT', found.ok || found.reason !== 'EMPTY' ? 'Only photos (JPEG, PNG, WebP, GIF) may be attached to a report' : 'The file is empty', {
        reason: found.ok ? 'UNSUPPORTED_TYPE' : found.reason,
      });
    }
    return this.storeAndFile(claims.attachmentId, body, found, async (em, events, file) => {
      const matter = await em.findOne(MatterEntity, { id: claims.matterId });
      if (!matter || !(await em.count(PublicReport, { matter: matter.id }))) throw notFound('Matter', claims.matterId);
      if (FINAL_STATUSES.includes(matter.status)) throw conflict('The matter is closed or withdrawn; its record is final', { reason: 'MATTER_FINAL' });
      const count = await em.count(Attachment, { matter: matter.id, source: AttachmentSource.PUBLIC_REPORT });
      if (count >= this.ctx.config.PUBLIC_REPORT_MAX_PHOTOS) {
        throw conflict(`A report holds at most ${this.ctx.config.PUBLIC_REPORT_MAX_PHOTOS} photos`, { reason: 'TOO_MANY_FILES' });
      }
      const a = em.create(Attachment, {
        ...file,
        matter,
        sessionId: null,
        opinionId: null,
        fileName: sanitizeFileName(claims.fileName, file.mimeType, found.ext),
        description: null,
        containsPersonalData: true,
        uploadedBy: null,
        organization: null,
        source: AttachmentSource.PUBLIC_REPORT,
      });
      await recordMatterEvent(em, events, matter, EventType.ATTACHMENT_ADDED, null, {
        attachmentId: a.id,
        kind: a.kind,
        fileName: null,
        containsPersonalData: true,
        publicReport: true,
      });
      return a;
    });
  }

  /**
   * Images are re-encoded and thumbnailed, the files are stored under the attachment's own keys
   * and the row (made by `file`) and its event are written in one transaction; if that fails the
   * stored files are removed, so nothing is half-stored.
   */
  private async storeAndFile(
    attachmentId: string,
    body: Buffer,
    found: Extract<Inspection, { ok: true }>,
    file: (em: EntityManager, events: EventRecorder, stored: StoredFile) => Promise<Attachment>,
  ): Promise<Attachment> {
    let stored = body;
    let mimeType = found.mimeType;
    let thumbnail: Buffer | null = null;
    if (found.kind === AttachmentKind.IMAGE) {
      const images = await reencodeImage(body, found.mimeType);
      if (!images) throw new DomainError('BAD_USER_INPUT', 'The image cannot be read', { reason: 'UNSUPPORTED_TYPE' });
      ({ image: stored, mimeType, thumbnail } = images);
    }
    const storageKey = `attachments/${attachmentId}`;
    const thumbnailKey = thumbnail ? `thumbnails/${attachmentId}` : null;
    await this.store.put(storageKey, stored, mimeType);
    if (thumbnail && thumbnailKey) await this.store.put(thumbnailKey, thumbnail, 'image/webp');
    try {
      return await mutate(this.ctx, (em, events) =>
        file(em, events, {
          id: attachmentId,
          kind: found.kind,
          mimeType,
          size: stored.length,
          sha256: sha256(stored),
          originalSha256: stored === body ? null : sha256(body),
          storageKey,
          thumbnailKey,
          createdAt: this.ctx.clock.now(),
        }),
      );
    } catch (err) {
      await Promise.all([this.store.delete(storageKey), thumbnailKey ? this.store.delete(thumbnailKey) : null]).catch((e) =>
        logger.warn({ err: e }, 'could not remove the files of a failed upload'),
      );
      throw err;
    }
  }

  /**
   * A download through a signed link: the session must still be valid and its viewer still
   * allowed to see the file (links are checked at use, not only when made). Reading a
   * personal-data file is written to the PII access log.
   */
  async download(claims: Extract<LinkClaims, { t: 'download' }>): Promise<FileBody> {
    const a = await this.ctx.em.findOne(Attachment, { id: claims.attachmentId }, { populate: ['matter'] });
    if (!a) throw notFound('Attachment', claims.attachmentId);
    const matter = a.matter.getEntity();
    if (!(await mayRead(this.ctx, matter, a))) throw notFound('Attachment', a.id);
    const key = claims.variant === 'thumbnail' ? a.thumbnailKey : a.storageKey;
    const body = key ? await this.store.get(key) : null;
    if (!body) throw notFound('Attachment', a.id);
    if (a.containsPersonalData) {
      const em = this.ctx.em.fork();
      const viewer = this.ctx.viewer!;
      em.create(PiiAccessLog, {
        userId: viewer.userId,
        organizationId: viewer.organizationId,
        via: PiiAccessVia.DOWNLOAD,
        ip: this.ctx.ip ?? null,
        matterId: matter.id,
        partyId: null,
        attachmentId: a.id,
        field: 'attachment',
        at: this.ctx.clock.now(),
      });
      await em.flush();
    }
    const thumb = claims.variant === 'thumbnail';
    return {
      body,
      mimeType: thumb ? 'image/webp' : a.mimeType,
      fileName: thumb ? `${a.fileName}.webp` : a.fileName,
      inline: thumb || a.kind === AttachmentKind.IMAGE || a.kind === AttachmentKind.PDF,
    };
  }
}

/**
 * Upload links for the photos of a public report just created: one per photo, each naming the
 * attachment id it will file, so a link can file one photo at most, and only on that matter.
 */
export async function publicPhotoTickets(
  ctx: Context,
  matterId: string,
  photos: { fileName: string }[],
): Promise<{ fileName: string; url: string; expiresAt: Date; maxBytes: number }[]> {
  if (photos.length === 0) return [];
  const key = await linkKey(ctx.em);
  const expiresAt = new Date(ctx.clock.now().getTime() + ctx.config.ATTACHMENT_LINK_SECONDS * 1000);
  const maxBytes = publicPhotoMaxBytes(ctx.config);
  return photos.map((p) => ({
    fileName: p.fileName,
    url: `/files/upload/${signLink(key, { t: 'public-upload', attachmentId: randomUUID(), matterId, fileName: p.fileName, exp: expiresAt.getTime() })}`,
    expiresAt,
    maxBytes,
  }));
}

export { readLink, linkKey };
