import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { AttachmentKind } from './attachment.entity';

/** The types a matter's evidence may be, by the media type found in the content. */
const ACCEPTED: Record<string, AttachmentKind> = {
  'image/jpeg': AttachmentKind.IMAGE,
  'image/png': AttachmentKind.IMAGE,
  'image/webp': AttachmentKind.IMAGE,
  'image/gif': AttachmentKind.IMAGE,
  'application/pdf': AttachmentKind.PDF,
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': AttachmentKind.DOCUMENT,
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': AttachmentKind.DOCUMENT,
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': AttachmentKind.DOCUMENT,
  'application/x-cfb': AttachmentKind.DOCUMENT, // .doc / .xls of older Office
  'audio/mpeg': AttachmentKind.AUDIO,
  'audio/mp4': AttachmentKind.AUDIO,
  'audio/x-m4a': AttachmentKind.AUDIO,
  'audio/aac': AttachmentKind.AUDIO,
  'audio/wav': AttachmentKind.AUDIO,
  'audio/vnd.wave': AttachmentKind.AUDIO,
  'audio/ogg': AttachmentKind.AUDIO,
  'audio/amr': AttachmentKind.AUDIO,
};

export const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

export type Inspection =
  | { ok: true; kind: AttachmentKind; mimeType: string; ext: string }
  | { ok: false; reason: 'EMPTY' | 'UNSUPPORTED_TYPE'; detected?: string };

/** Decides what a file is from its first bytes (file-type), whatever its name says. */
export async function inspect(body: Buffer): Promise<Inspection> {
  if (body.length === 0) return { ok: false, reason: 'EMPTY' };
  // file-type is an ES module; the api is CommonJS (node16 resolution keeps this a real import()).
  const { fileTypeFromBuffer } = await import('file-type');
  const found = await fileTypeFromBuffer(body);
  const kind = found && ACCEPTED[found.mime];
  if (!found || !kind) return { ok: false, reason: 'UNSUPPORTED_TYPE', detected: found?.mime };
  return { ok: true, kind, mimeType: found.mime, ext: found.ext };
}

/**
 * An uploaded image is decoded and encoded again: what is stored is pixels we produced, not the
 * uploader's bytes (no hidden payload, no EXIF — a phone photo's GPS position is not kept),
 * turned upright first. Plus a small WebP thumbnail for the gallery. A file that does not decode
 * is refused.
 */
export async function reencodeImage(body: Buffer, mimeType: string): Promise<{ image: Buffer; mimeType: string; thumbnail: Buffer } | null> {
  try {
    const source = sharp(body, { failOn: 'error', limitInputPixels: 100_000_000 }).rotate();
    const image =
      mimeType === 'image/png' || mimeType === 'image/gif'
        ? { data: await source.clone().png().toBuffer(), type: 'image/png' }
        : mimeType === 'image/webp'
          ? { data: await source.clone().webp({ quality: 90 }).toBuffer(), type: 'image/webp' }
          : { data: await source.clone().jpeg({ quality: 90, mozjpeg: true }).toBuffer(), type: 'image/jpeg' };
    const thumbnail = await source.clone().resize(320, 320, { fit: 'inside', withoutEnlargement: true }).webp({ quality: 75 }).toBuffer();
    return { image: image.data, mimeType: image.type, thumbnail };
  } catch {
    return null;
  }
}

const EXT_OF: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

/**
 * A file name safe to store and to send back in Content-Disposition: no directories, no control
 * or reserved characters, at most 120 characters, and an extension that matches the content.
 */
export function sanitizeFileName(raw: string, mimeType: string, detectedExt: string): string {
  const base = raw.split(/[\\/]/).pop() ?? '';
  let name = base.replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '').replace(/^\.+/, '').trim().slice(0, 120);
  const ext = EXT_OF[mimeType] ?? detectedExt;
  if (!name) name = 'file';
  const dot = name.lastIndexOf('.');
  const current = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  const same = current === ext || (ext === 'jpg' && current === 'jpeg') || (ext === 'cfb' && ['doc', 'xls', 'ppt'].includes(current));
  if (!same) name = `${dot > 0 ? name.slice(0, dot) : name}.${ext}`;
  return name;
}
