import { createHash, randomInt } from 'node:crypto';
import type { Context } from '../../context';
import { badInput, DomainError, notFound } from '../../errors';
import { publicPhotoMaxBytes, publicPhotoTickets } from '../attachment/attachment.service';
import { mutate } from '../../events/event.service';
import { Community } from '../community/community.entity';
import { EventType, IntakeChannel, MatterKind, MatterScale, MatterStatus, PartyRole } from '../common/enums';
import { CATEGORY_LABELS } from '../community-activity/community-activity.service';
import { Matter, Party, sealPartyPii } from '../matter/matter.entity';
import { nextReference, recordMatterEvent } from '../matter/matter.service';
import type { SubmitPublicReportInput } from './dto/public-report.inputs';
import { PublicReport } from './public-report.entity';
import { addressKey, type LimitSpec } from '../../http/rate-limit';

/** Crockford base32: no I, L, O, U — easy to read out over the phone. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_LENGTH = 10; // 50 bits
export const CONSENT_VERSION = '2026-11';

/** 5 reports and 30 status look-ups per client address per 10 minutes (shared by every instance with Redis). */
export const SUBMIT_LIMIT: LimitSpec = { points: 5, durationSeconds: 10 * 60 };
export const LOOKUP_LIMIT: LimitSpec = { points: 30, durationSeconds: 10 * 60 };
const TOO_FREQUENT = '提交过于频繁，请稍后再试 (too many requests)';

export const PUBLIC_STATUS_TEXT: Record<MatterStatus, string> = {
  [MatterStatus.REPORTED]: '已受理，等待研判',
  [MatterStatus.ASSESSING]: '社区正在研判',
  [MatterStatus.MEDIATING]: '正在联合调解',
  [MatterStatus.RESOLVED]: '已化解，等待回访',
  [MatterStatus.ESCALATED]: '已依法移交相关部门办理',
  [MatterStatus.WITHDRAWN]: '已撤回',
  [MatterStatus.CLOSED]: '已办结',
};

export function newTrackingCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

/** Accepts lower case, spaces and dashes, and the letters people confuse with digits. */
export function normalizeTrackingCode(input: string): string | null {
  const code = input
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0');
  return code.length === CODE_LENGTH && [...code].every((c) => ALPHABET.includes(c)) ? code : null;
}

export const hashTrackingCode = (code: string) => createHash('sha256').update(`sst-tracking:${code}`).digest('hex');

export interface PhotoUpload {
  fileName: string;
  url: string;
  expiresAt: Date;
  maxBytes: number;
}

export interface PublicStatus {
  reference: string;
  status: MatterStatus;
  statusText: string;
  reportedAt: Date;
  updatedAt: Date;
}

export class PublicReportService {
  constructor(private readonly ctx: Context) {}

  async submit(input: SubmitPublicReportInput): Promise<{ trackingCode: string; status: PublicStatus; photoUploads: PhotoUpload[] }> {
    if (input.consent !== true) throw badInput('Please read and agree to the consent text before submitting', 'consent');
    const photos = input.photos ?? [];
    const maxPhotos = this.ctx.config.PUBLIC_REPORT_MAX_PHOTOS;
    if (photos.length > maxPhotos) {
      throw new DomainError('BAD_USER_INPUT', maxPhotos ? `At most ${maxPhotos} photos may be attached to a report` : 'Photos cannot be attached to a report', { field: 'photos', reason: 'TOO_MANY_FILES' });
    }
    const maxBytes = publicPhotoMaxBytes(this.ctx.config);
    if (photos.some((p) => p.size > maxBytes)) {
      throw new DomainError('BAD_USER_INPUT', `A photo may be at most ${this.ctx.config.PUBLIC_REPORT_PHOTO_MAX_MB} MB`, { field: 'photos', reason: 'TOO_LARGE' });
    }
    await this.ctx.limits.take('public-report-submit', SUBMIT_LIMIT, addressKey(this.ctx.ip), TOO_FREQUENT);
    const code = newTrackingCode();
    const matter = await mutate(this.ctx, async (em, events) => {
      let community: Community | null;
      if (input.communityId) community = await em.findOne(Community, { id: input.communityId });
      else {
        const all = await em.find(Community, {}, { limit: 2 });
        community = all.length === 1 ? all[0] : null;
        if (all.length > 1) throw badInput('Choose your community', 'communityId');
      }
      if (!community) throw badInput('Unknown community', 'communityId');
      const now = this.ctx.clock.now();
      const reference = await nextReference(em, community, now.getFullYear());
      const description = input.description.trim();
      const summary = description.length > 24 ? `${description.slice(0, 24)}…` : description;
      const matter = em.create(Matter, {
        reference,
        community,
        grid: null,
        title: `【居民网上说事】${CATEGORY_LABELS[input.category]}：${summary}`,
        description,
        kind: input.kind ?? MatterKind.DEMAND,
        category: input.category,
        channel: IntakeChannel.ONLINE,
        status: MatterStatus.REPORTED,
        riskFlags: [],
        scale: MatterScale.ORDINARY,
        location: input.location?.trim() || null,
        reporter: null,
        createdAt: now,
        updatedAt: now,
      });
      if (input.name?.trim() || input.phone) {
        em.create(Party, { matter, position: 0, name: input.name?.trim() || '匿名居民', role: PartyRole.APPLICANT, ...sealPartyPii({ phone: input.phone }) });
      }
      em.create(PublicReport, { matter, trackingCodeHash: hashTrackingCode(code), consentedAt: now, consentVersion: CONSENT_VERSION, createdAt: now });
      await recordMatterEvent(em, events, matter, EventType.MATTER_REPORTED, null, {
        kind: matter.kind,
        category: matter.category,
        channel: matter.channel,
        publicReport: true,
      });
      return matter;
    });
    // Links only: nothing is filed until the bytes arrive and pass the checks.
    const photoUploads = await publicPhotoTickets(this.ctx, matter.id, photos);
    return { trackingCode: code, status: toPublic(matter), photoUploads };
  }

  async status(trackingCode: string): Promise<PublicStatus> {
    await this.ctx.limits.take('public-report-lookup', LOOKUP_LIMIT, addressKey(this.ctx.ip), TOO_FREQUENT);
    const code = normalizeTrackingCode(trackingCode);
    if (!code) throw notFound('Tracking code');
    const report = await this.ctx.em.findOne(PublicReport, { trackingCodeHash: hashTrackingCode(code) }, { populate: ['matter'] });
    if (!report) throw notFound('Tracking code');
    return toPublic(report.matter.getEntity());
  }
}

function toPublic(m: Matter): PublicStatus {
  return { reference: m.reference, status: m.status, statusText: PUBLIC_STATUS_TEXT[m.status], reportedAt: m.createdAt, updatedAt: m.updatedAt };
}
