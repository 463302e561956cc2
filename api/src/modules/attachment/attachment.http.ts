import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Clock } from '../../clock';
import type { Config } from '../../config';
import type { Context, Viewer } from '../../context';
import { DomainError } from '../../errors';
import { clientAddress } from '../../http/client-address';
import { AuthService } from '../auth/auth.service';
import { AttachmentService, linkKey, publicPhotoMaxBytes, readLink } from './attachment.service';

const STATUS: Record<string, number> = { TOO_MANY_REQUESTS: 429, UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, BAD_USER_INPUT: 400, CONFLICT: 409 };

function answer(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }).end(JSON.stringify(body));
}

function error(res: ServerResponse, err: DomainError): void {
  const code = String(err.extensions.code);
  const status = err.extensions.reason === 'TOO_LARGE' ? 413 : (STATUS[code] ?? 400);
  answer(res, status, { errors: [{ message: err.message, extensions: err.extensions }] });
}

async function readLimited(req: IncomingMessage, max: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > max) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** RFC 6266/5987: a UTF-8 file name (Chinese) with an ASCII fallback. */
function disposition(inline: boolean, fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export interface FileRouteDeps {
  orm: MikroORM;
  config: Config;
  clock: Clock;
  makeContext: (viewer: Viewer | null, ip?: string) => Context;
}

/**
 * /files/upload/<signed> (PUT: the bytes of one evidence file) and /files/<signed> (GET: one
 * file). The signed link is the only way in; the session it names must still be valid and its
 * viewer still allowed. Returns false for any other path.
 */
export async function handleFileRequest(req: IncomingMessage, res: ServerResponse, pathname: string, deps: FileRouteDeps): Promise<boolean> {
  if (!pathname.startsWith('/files/')) return false;
  const upload = pathname.startsWith('/files/upload/');
  const token = pathname.slice(upload ? '/files/upload/'.length : '/files/'.length);
  if ((upload && req.method !== 'PUT') || (!upload && req.method !== 'GET' && req.method !== 'HEAD')) {
    res.writeHead(405, { allow: upload ? 'PUT' : 'GET, HEAD' }).end();
    return true;
  }
  const em = deps.orm.em.fork();
  const claims = readLink(await linkKey(em), token, deps.clock.now());
  if (!claims || (upload ? claims.t === 'download' : claims.t !== 'download')) {
    error(res, new DomainError('UNAUTHENTICATED', 'This link is not valid or has expired; open the matter again'));
    return true;
  }
  if (claims.t === 'public-upload') {
    // A resident's photo: no session; the link itself (one photo, one matter) is the right.
    const service = new AttachmentService(deps.makeContext(null, clientAddress(req, deps.config)));
    try {
      const body = await readLimited(req, publicPhotoMaxBytes(deps.config));
      if (!body) throw new DomainError('BAD_USER_INPUT', `A photo may be at most ${deps.config.PUBLIC_REPORT_PHOTO_MAX_MB} MB`, { reason: 'TOO_LARGE' });
      await service.completePublicUpload(claims, body);
      // Nothing about the file goes back: the link cannot be used to read anything.
      answer(res, 201, { data: { received: true } });
    } catch (err) {
      if (err instanceof DomainError) error(res, err);
      else throw err;
    }
    return true;
  }
  const viewer = await new AuthService(em, deps.config, deps.clock).viewerForSession(claims.sessionId);
  if (!viewer) {
    error(res, new DomainError('UNAUTHENTICATED', 'The session has ended'));
    return true;
  }
  const ctx = deps.makeContext(viewer, clientAddress(req, deps.config));
  const service = new AttachmentService(ctx);
  try {
    if (claims.t === 'upload') {
      const body = await readLimited(req, Math.floor(deps.config.ATTACHMENT_MAX_MB * 1024 * 1024));
      if (!body) throw new DomainError('BAD_USER_INPUT', `A file may be at most ${deps.config.ATTACHMENT_MAX_MB} MB`, { reason: 'TOO_LARGE' });
      const a = await service.completeUpload(claims, body);
      answer(res, 201, { data: { attachment: { id: a.id, fileName: a.fileName, kind: a.kind, mimeType: a.mimeType, size: a.size, sha256: a.sha256 } } });
    } else {
      const file = await service.download(claims);
      res.writeHead(200, {
        'content-type': file.mimeType,
        'content-length': String(file.body.length),
        'content-disposition': disposition(file.inline, file.fileName),
        'cache-control': 'private, max-age=300',
        // A file is shown, never run: no scripts even if a browser were to sniff it as a page.
        'content-security-policy': "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
      });
      res.end(req.method === 'HEAD' ? undefined : file.body);
    }
  } catch (err) {
    if (err instanceof DomainError) error(res, err);
    else throw err;
  }
  return true;
}
