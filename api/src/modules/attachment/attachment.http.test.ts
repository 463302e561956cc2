import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import sharp from 'sharp';
import S3rver from 's3rver';
import type { Config } from '../../config';
import { createApp } from '../../http/server';
import { Event } from '../../events/event.entity';
import { EventType, MatterStatus, OrganizationKind } from '../common/enums';
import { Matter, PiiAccessLog } from '../matter/matter.entity';
import { answer, buildConvenedMatter, buildWorld, TEST_PASSWORD, type Actor, type World } from '../../test/factories';
import { createTestDb, onDispose } from '../../test/harness';
import { Attachment } from './attachment.entity';

// 证据材料 end to end over HTTP: a signed upload link from GraphQL, the bytes PUT to it, the type
// decided by content, images re-encoded; who sees which file follows the matter's policy, and
// downloads go through short-lived signed links checked again at use. Local storage and S3.

let orm: MikroORM;
let world: World;

beforeAll(async () => {
  orm = (await createTestDb()).orm;
  world = await buildWorld(orm);
});

interface Server {
  base: string;
  dataDir: string;
}

async function start(overrides: Partial<Config> = {}): Promise<Server> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sst-files-'));
  onDispose(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const config = { ...world.services.config, DATA_DIR: dataDir, ...overrides };
  const app = await createApp({ config, orm, bus: world.services.bus, clock: world.services.clock });
  const port = await app.listen(0, '127.0.0.1');
  onDispose(() => app.close());
  return { base: `http://127.0.0.1:${port}`, dataDir };
}

type Errors = { message: string; extensions: { code: string; reason?: string } }[];

async function gql<T>(s: Server, token: string, query: string, variables: Record<string, unknown> = {}): Promise<{ data?: T; errors?: Errors }> {
  const res = await fetch(`${s.base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as never;
}

async function signIn(s: Server, actor: Actor): Promise<string> {
  const res = await fetch(`${s.base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: `mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }`, variables: { u: actor.user.username, p: TEST_PASSWORD } }),
  });
  return ((await res.json()) as { data: { login: { token: string } } }).data.login.token;
}

const REQUEST = `mutation($input: RequestAttachmentUploadInput!) { requestAttachmentUpload(input: $input) { url expiresAt maxBytes } }`;
const FILES = `query($id: ID!) { matter(id: $id) { attachments { id fileName kind mimeType size sha256 originalSha256 containsPersonalData url thumbnailUrl uploadedBy { id } } } }`;

interface FileRow {
  id: string;
  fileName: string;
  kind: string;
  mimeType: string;
  size: number;
  sha256: string;
  originalSha256: string | null;
  containsPersonalData: boolean;
  url: string;
  thumbnailUrl: string | null;
}

async function upload(
  s: Server,
  token: string,
  matterId: string,
  body: Buffer,
  opts: { fileName?: string; personal?: boolean; description?: string } = {},
): Promise<{ status: number; json: { data?: { attachment: { id: string; sha256: string } }; errors?: Errors } }> {
  const ticket = await gql<{ requestAttachmentUpload: { url: string } }>(s, token, REQUEST, {
    input: { matterId, fileName: opts.fileName ?? 'photo.jpg', size: body.length, containsPersonalData: opts.personal ?? false, description: opts.description },
  });
  if (ticket.errors) return { status: 0, json: { errors: ticket.errors } };
  const res = await fetch(`${s.base}${ticket.data!.requestAttachmentUpload.url}`, { method: 'PUT', body });
  return { status: res.status, json: (await res.json()) as never };
}

/** A phone photo with a GPS position in its EXIF, as residents' photos usually are. */
async function photoWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 1200, height: 800, channels: 3, background: { r: 90, g: 140, b: 200 } } })
    .jpeg()
    .withExif({ IFD0: { Make: 'TestPhone', Model: 'X' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '39/1 48/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '98/1 17/1 0/1' } })
    .toBuffer();
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
/** The files (not folders) under DATA_DIR/files. */
const storedFiles = (s: Server): string[] => {
  const root = path.join(s.dataDir, 'files');
  if (!fs.existsSync(root)) return [];
  return fs.readdirSync(root, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => path.join(d.parentPath, d.name));
};

describe('evidence files on a matter', () => {
  let s: Server;
  let coordinator: string;
  beforeAll(async () => {
    s = await start();
    coordinator = await signIn(s, world.coordinator);
  });

  it('takes a photo, re-encodes it without its EXIF (no GPS), thumbnails it and records the event', async () => {
    const { matter } = await buildConvenedMatter(orm, { world });
    const original = await photoWithGps();
    expect((await sharp(original).metadata()).exif).toBeDefined();
    const r = await upload(s, coordinator, matter.id, original, { fileName: '../../楼道漏水.JPG', description: '3单元楼道漏水' });
    expect(r.status).toBe(201);

    const files = (await gql<{ matter: { attachments: FileRow[] } }>(s, coordinator, FILES, { id: matter.id })).data!.matter.attachments;
    expect(files).toHaveLength(1);
    const [f] = files;
    expect(f).toMatchObject({ fileName: '楼道漏水.JPG', kind: 'IMAGE', mimeType: 'image/jpeg', containsPersonalData: false });
    expect(f.originalSha256).not.toBe(f.sha256);
    const stored = Buffer.from(await (await fetch(`${s.base}${f.url}`)).arrayBuffer());
    expect((await sharp(stored).metadata()).exif).toBeUndefined();
    expect(createHashHex(stored)).toBe(f.sha256);
    const thumb = await fetch(`${s.base}${f.thumbnailUrl}`);
    expect(thumb.headers.get('content-type')).toBe('image/webp');
    const meta = await sharp(Buffer.from(await thumb.arrayBuffer())).metadata();
    expect(Math.max(meta.width!, meta.height!)).toBeLessThanOrEqual(320);

    const events = await orm.em.fork().find(Event, { matterId: matter.id, type: EventType.ATTACHMENT_ADDED });
    expect(events.map((e) => e.payload.fileName)).toEqual(['楼道漏水.JPG']);
  });

  it('decides the type by content: a page named .jpg is refused and nothing is stored', async () => {
    const { matter } = await buildConvenedMatter(orm, { world });
    const before = storedFiles(s).length;
    const r = await upload(s, coordinator, matter.id, Buffer.from('<html><script>alert(1)</script></html>'), { fileName: 'photo.jpg' });
    expect(r.status).toBe(400);
    expect(r.json.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'UNSUPPORTED_TYPE' });
    expect(await orm.em.fork().count(Attachment, { matter: matter.id })).toBe(0);
    expect(storedFiles(s).length).toBe(before);
  });

  it('refuses a file over the size limit before and during the upload', async () => {
    const small = await start({ ATTACHMENT_MAX_MB: 0.01 });
    const token = await signIn(small, world.coordinator);
    const { matter } = await buildConvenedMatter(orm, { world });
    const tooBig = await gql(small, token, REQUEST, { input: { matterId: matter.id, fileName: 'a.pdf', size: 20_000 } });
    expect(tooBig.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'TOO_LARGE' });
    // A client that announces a small size and sends more is cut off with 413.
    const ticket = await gql<{ requestAttachmentUpload: { url: string } }>(small, token, REQUEST, { input: { matterId: matter.id, fileName: 'a.pdf', size: 100 } });
    const res = await fetch(`${small.base}${ticket.data!.requestAttachmentUpload.url}`, { method: 'PUT', body: Buffer.concat([PDF, Buffer.alloc(20_000)]) });
    expect(res.status).toBe(413);
    expect(await orm.em.fork().count(Attachment, { matter: matter.id })).toBe(0);
  });

  it('shows an invited agency the ordinary files, the personal-data ones only once it accepts, and an uninvited one nothing', async () => {
    const { matter, invitations } = await buildConvenedMatter(orm, { world });
    expect((await upload(s, coordinator, matter.id, PDF, { fileName: '借条.pdf' })).status).toBe(201);
    world.services.clock.advance(1000);
    expect((await upload(s, coordinator, matter.id, PDF, { fileName: '张三身份证.pdf', personal: true })).status).toBe(201);
    world.services.clock.advance(1000);
    const judicial = await signIn(s, world.agencies.JUDICIAL_OFFICE);
    const names = async (token: string) => (await gql<{ matter: { attachments: FileRow[] } }>(s, token, FILES, { id: matter.id })).data?.matter.attachments.map((a) => a.fileName);

    expect(await names(judicial)).toEqual(['借条.pdf']);
    // Before accepting, it may not file evidence either.
    const refused = await gql(s, judicial, REQUEST, { input: { matterId: matter.id, fileName: 'x.pdf', size: PDF.length } });
    expect(refused.errors?.[0].extensions.code).toBe('FORBIDDEN');

    await answer(world, OrganizationKind.JUDICIAL_OFFICE, invitations.JUDICIAL_OFFICE, true);
    expect(await names(judicial)).toEqual(['借条.pdf', '张三身份证.pdf']);
    expect((await upload(s, judicial, matter.id, PDF, { fileName: '调解意见.pdf' })).status).toBe(201);

    const police = await signIn(s, world.agencies.POLICE);
    const uninvited = await gql(s, police, FILES, { id: matter.id });
    expect(uninvited.errors?.map((e) => e.extensions.code)).toEqual(['NOT_FOUND']);
    expect(JSON.stringify(uninvited)).not.toContain('attachments');

    // The timeline never names a personal-data file.
    const events = await orm.em.fork().find(Event, { matterId: matter.id, type: EventType.ATTACHMENT_ADDED }, { orderBy: { id: 'asc' } });
    expect(events.map((e) => e.payload.fileName)).toEqual(['借条.pdf', null, '调解意见.pdf']);
  });

  it('serves a download only through a valid, unexpired link of a live session, and logs personal-data downloads', async () => {
    const { matter } = await buildConvenedMatter(orm, { world });
    await upload(s, coordinator, matter.id, PDF, { fileName: '身份证复印件.pdf', personal: true });
    const [f] = (await gql<{ matter: { attachments: FileRow[] } }>(s, coordinator, FILES, { id: matter.id })).data!.matter.attachments;

    const ok = await fetch(`${s.base}${f.url}`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-disposition')).toContain("filename*=UTF-8''%E8%BA%AB");
    expect(Buffer.from(await ok.arrayBuffer()).equals(PDF)).toBe(true);
    const logged = await orm.em.fork().find(PiiAccessLog, { attachmentId: f.id });
    expect(logged.map((l) => [l.userId, l.field])).toEqual([[world.coordinator.user.id, 'attachment']]);

    // A guessed path, a tampered signature, an upload link used to download: refused.
    expect((await fetch(`${s.base}/files/attachments/${f.id}`)).status).toBe(401);
    const [body, sig] = f.url.slice('/files/'.length).split('.');
    expect((await fetch(`${s.base}/files/${body}.${sig.slice(0, -2)}AA`)).status).toBe(401);

    // Expired: the link lives ATTACHMENT_LINK_SECONDS.
    world.services.clock.advance((world.services.config.ATTACHMENT_LINK_SECONDS + 1) * 1000);
    expect((await fetch(`${s.base}${f.url}`)).status).toBe(401);
  });

  it("dies with its session: after logout the link no longer works", async () => {
    const token = await signIn(s, world.coordinator);
    const { matter } = await buildConvenedMatter(orm, { world });
    await upload(s, token, matter.id, PDF, { fileName: 'a.pdf' });
    const [f] = (await gql<{ matter: { attachments: FileRow[] } }>(s, token, FILES, { id: matter.id })).data!.matter.attachments;
    expect((await fetch(`${s.base}${f.url}`)).status).toBe(200);
    await gql(s, token, `mutation { logout }`);
    expect((await fetch(`${s.base}${f.url}`)).status).toBe(401);
  });

  it('leaves nothing behind when the row cannot be written (the matter closed meanwhile), and a repeated PUT files once', async () => {
    const { matter } = await buildConvenedMatter(orm, { world });
    const ticket = await gql<{ requestAttachmentUpload: { url: string } }>(s, coordinator, REQUEST, { input: { matterId: matter.id, fileName: 'a.pdf', size: PDF.length } });
    const url = `${s.base}${ticket.data!.requestAttachmentUpload.url}`;
    await orm.em.fork().nativeUpdate(Matter, { id: matter.id }, { status: MatterStatus.WITHDRAWN });
    const before = storedFiles(s).length;
    const refused = await fetch(url, { method: 'PUT', body: PDF });
    expect(refused.status).toBe(409);
    expect(storedFiles(s).length).toBe(before);
    expect(await orm.em.fork().count(Attachment, { matter: matter.id })).toBe(0);

    await orm.em.fork().nativeUpdate(Matter, { id: matter.id }, { status: MatterStatus.MEDIATING });
    const first = await fetch(url, { method: 'PUT', body: PDF });
    const again = await fetch(url, { method: 'PUT', body: PDF });
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(await orm.em.fork().count(Attachment, { matter: matter.id })).toBe(1);
  });
});

describe('evidence files in an S3-compatible store', () => {
  it('stores and serves them through a real S3-protocol server on loopback', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sst-s3-'));
    const s3 = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: dir, configureBuckets: [{ name: 'evidence', configs: [] }] });
    const { port } = (await s3.run()) as AddressInfo;
    onDispose(async () => {
      await s3.close();
      fs.rmSync(dir, { recursive: true, force: true });
    });
    const s = await start({ S3_BUCKET: 'evidence', S3_ENDPOINT: `http://127.0.0.1:${port}`, S3_ACCESS_KEY_ID: 'S3RVER', S3_SECRET_ACCESS_KEY: 'S3RVER', S3_FORCE_PATH_STYLE: true });
    const token = await signIn(s, world.coordinator);
    const { matter } = await buildConvenedMatter(orm, { world });
    const r = await upload(s, token, matter.id, await photoWithGps(), { fileName: '现场.jpg' });
    expect(r.status).toBe(201);
    // Not on local disk: in the bucket.
    expect(storedFiles(s)).toEqual([]);
    expect(fs.readdirSync(path.join(dir, 'evidence'), { recursive: true }).some((f) => String(f).includes(r.json.data!.attachment.id))).toBe(true);
    const [f] = (await gql<{ matter: { attachments: FileRow[] } }>(s, token, FILES, { id: matter.id })).data!.matter.attachments;
    const got = Buffer.from(await (await fetch(`${s.base}${f.url}`)).arrayBuffer());
    expect(createHashHex(got)).toBe(f.sha256);
    expect((await fetch(`${s.base}${f.thumbnailUrl}`)).status).toBe(200);
  });
});

function createHashHex(b: Buffer): string {
  return createHash('sha256').update(b).digest('hex');
}
