import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import sharp from 'sharp';
import type { Config } from '../../config';
import { createApp } from '../../http/server';
import { Event } from '../../events/event.entity';
import { EventType, MatterStatus } from '../common/enums';
import { Matter } from '../matter/matter.entity';
import { buildWorld, TEST_PASSWORD, type Actor, type World } from '../../test/factories';
import { createTestDb, onDispose } from '../../test/harness';
import { Attachment, AttachmentSource } from '../attachment/attachment.entity';
import { PHOTO_LIMIT } from '../attachment/attachment.service';

// 随时说事 with photos: the anonymous resident gets one signed upload link per photo with the
// receipt; the photos (images only, by content) land on the new matter as personal-data files
// with no uploader, which only who may see the parties' data can read — never the public side.

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

/** Rate limits in memory, per server; each test speaks from its own client address (X-Forwarded-For). */
async function start(overrides: Partial<Config> = {}): Promise<Server> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sst-report-photos-'));
  onDispose(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const config = { ...world.services.config, DATA_DIR: dataDir, REDIS_URL: undefined, TRUST_PROXY: 1, ...overrides } as Config;
  const app = await createApp({ config, orm, bus: world.services.bus, clock: world.services.clock });
  const port = await app.listen(0, '127.0.0.1');
  onDispose(() => app.close());
  return { base: `http://127.0.0.1:${port}`, dataDir };
}

type Errors = { message: string; extensions: { code: string; reason?: string; field?: string } }[];

async function gql<T>(s: Server, query: string, variables: Record<string, unknown> = {}, opts: { token?: string; ip?: string } = {}): Promise<{ data?: T; errors?: Errors }> {
  const res = await fetch(`${s.base}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
      ...(opts.ip ? { 'x-forwarded-for': opts.ip } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as never;
}

async function signIn(s: Server, actor: Actor): Promise<string> {
  const r = await gql<{ login: { token: string } }>(s, `mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }`, { u: actor.user.username, p: TEST_PASSWORD });
  return r.data!.login.token;
}

const SUBMIT = `mutation($input: SubmitPublicReportInput!) { submitPublicReport(input: $input) { trackingCode status { reference } photoUploads { fileName url expiresAt maxBytes } } }`;
type Receipt = { trackingCode: string; status: { reference: string }; photoUploads: { fileName: string; url: string; maxBytes: number }[] };

function submit(s: Server, ip: string, photos: { fileName: string; size: number }[]) {
  return gql<{ submitPublicReport: Receipt }>(
    s,
    SUBMIT,
    { input: { communityId: world.community.id, description: '楼上卫生间漏水，我家天花板发霉。', category: 'NEIGHBOR', consent: true, photos } },
    { ip },
  );
}

const put = (s: Server, url: string, body: Buffer, ip: string) => fetch(`${s.base}${url}`, { method: 'PUT', body, headers: { 'x-forwarded-for': ip } });

/** A phone photo with a GPS position in its EXIF. */
function photo(): Promise<Buffer> {
  return sharp({ create: { width: 800, height: 600, channels: 3, background: { r: 120, g: 100, b: 80 } } })
    .jpeg()
    .withExif({ IFD0: { Make: 'TestPhone' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '39/1 48/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '98/1 17/1 0/1' } })
    .toBuffer();
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

const storedFiles = (s: Server): string[] => {
  const root = path.join(s.dataDir, 'files');
  if (!fs.existsSync(root)) return [];
  return fs.readdirSync(root, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => d.name);
};

const matterOf = (reference: string) => orm.em.fork().findOneOrFail(Matter, { reference });

describe('photos with a public report', () => {
  let s: Server;
  beforeAll(async () => {
    s = await start();
  });

  it('files a photo on the new matter as personal data with no uploader, without EXIF; the coordinator sees it, an uninvited agency does not', async () => {
    const image = await photo();
    const r = await submit(s, '198.51.100.1', [{ fileName: '漏水.jpg', size: image.length }]);
    expect(r.errors).toBeUndefined();
    const receipt = r.data!.submitPublicReport;
    expect(receipt.photoUploads).toHaveLength(1);
    expect(receipt.photoUploads[0]).toMatchObject({ fileName: '漏水.jpg', maxBytes: 10 * 1024 * 1024 });
    const matter = await matterOf(receipt.status.reference);
    // A link is not a file: nothing filed before the bytes arrive.
    expect(await orm.em.fork().count(Attachment, { matter: matter.id })).toBe(0);

    const res = await put(s, receipt.photoUploads[0]!.url, image, '198.51.100.1');
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ data: { received: true } }); // nothing about the file goes back

    const row = await orm.em.fork().findOneOrFail(Attachment, { matter: matter.id });
    expect(row).toMatchObject({ source: AttachmentSource.PUBLIC_REPORT, containsPersonalData: true, kind: 'IMAGE', fileName: '漏水.jpg', uploadedBy: null, organization: null });
    const stored = fs.readFileSync(path.join(s.dataDir, 'files', row.storageKey));
    expect((await sharp(stored).metadata()).exif).toBeUndefined();
    const event = await orm.em.fork().findOneOrFail(Event, { type: EventType.ATTACHMENT_ADDED, matterId: matter.id });
    expect(event.payload).toMatchObject({ attachmentId: row.id, fileName: null, containsPersonalData: true, publicReport: true });

    const FILES = `query($id: ID!) { matter(id: $id) { attachments { id source containsPersonalData thumbnailUrl uploadedBy { id } organization { id } } } }`;
    const coordinator = await signIn(s, world.coordinator);
    const seen = await gql<{ matter: { attachments: { id: string; source: string; thumbnailUrl: string | null; uploadedBy: null; organization: null }[] } }>(s, FILES, { id: matter.id }, { token: coordinator });
    expect(seen.errors).toBeUndefined();
    expect(seen.data!.matter.attachments).toEqual([{ id: row.id, source: 'PUBLIC_REPORT', containsPersonalData: true, thumbnailUrl: expect.stringMatching(/^\/files\//), uploadedBy: null, organization: null }]);
    const thumb = await fetch(`${s.base}${seen.data!.matter.attachments[0]!.thumbnailUrl}`);
    expect(thumb.status).toBe(200);

    const police = await signIn(s, world.agencies.POLICE);
    const hidden = await gql<{ matter: { attachments: unknown[] } | null }>(s, FILES, { id: matter.id }, { token: police });
    expect(hidden.data?.matter?.attachments ?? []).toEqual([]);
  });

  it('is not reachable anonymously afterwards: the upload link reads nothing, a repeat files nothing, the public status has no files', async () => {
    const image = await photo();
    const ip = '198.51.100.2';
    const receipt = (await submit(s, ip, [{ fileName: 'a.jpg', size: image.length }])).data!.submitPublicReport;
    const { url } = receipt.photoUploads[0]!;
    expect((await put(s, url, image, ip)).status).toBe(201);
    const again = await put(s, url, image, ip);
    expect(again.status).toBe(201);
    expect(await again.json()).toEqual({ data: { received: true } });
    const matter = await matterOf(receipt.status.reference);
    expect(await orm.em.fork().count(Attachment, { matter: matter.id })).toBe(1);

    expect((await fetch(`${s.base}${url}`)).status).toBe(405);
    const asDownload = await fetch(`${s.base}/files/${url.slice('/files/upload/'.length)}`);
    expect(asDownload.status).toBe(401);
    const row = await orm.em.fork().findOneOrFail(Attachment, { matter: matter.id });
    expect((await fetch(`${s.base}/files/attachments/${row.id}`)).status).toBe(401);

    // Neither the tracking page's query nor an anonymous matter query reaches the files.
    const status = await gql(s, `query($c: String!) { publicMatterStatus(trackingCode: $c) { reference attachments { id } } }`, { c: receipt.trackingCode }, { ip });
    expect(status.errors?.[0]?.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const anonymous = await gql<{ matter: unknown }>(s, `query($id: ID!) { matter(id: $id) { attachments { id } } }`, { id: matter.id }, { ip });
    expect(anonymous.data?.matter ?? null).toBeNull();
    expect(anonymous.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
  });

  it('limits the number and size of photos before anything is written', async () => {
    const before = await orm.em.fork().count(Matter, {});
    const four = Array.from({ length: 4 }, (_, i) => ({ fileName: `${i}.jpg`, size: 1000 }));
    const many = await submit(s, '198.51.100.3', four);
    expect(many.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'TOO_MANY_FILES', field: 'photos' });
    const big = await submit(s, '198.51.100.3', [{ fileName: 'big.jpg', size: 10 * 1024 * 1024 + 1 }]);
    expect(big.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'TOO_LARGE' });
    expect(await orm.em.fork().count(Matter, {})).toBe(before);

    // The bytes are measured too, whatever size was announced.
    const small = await start({ PUBLIC_REPORT_PHOTO_MAX_MB: 0.01 });
    const image = await photo();
    const receipt = (await submit(small, '198.51.100.3', [{ fileName: 'a.jpg', size: 100 }])).data!.submitPublicReport;
    const res = await put(small, receipt.photoUploads[0]!.url, Buffer.concat([image, Buffer.alloc(20_000)]), '198.51.100.3');
    expect(res.status).toBe(413);
    expect(storedFiles(small)).toEqual([]);

    // PUBLIC_REPORT_MAX_PHOTOS=0: no photos at all.
    const none = await start({ PUBLIC_REPORT_MAX_PHOTOS: 0 });
    const refused = await submit(none, '198.51.100.3', [{ fileName: 'a.jpg', size: 100 }]);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ reason: 'TOO_MANY_FILES' });
    expect((await gql<{ publicReportMaxPhotos: number }>(none, `{ publicReportMaxPhotos }`)).data!.publicReportMaxPhotos).toBe(0);
  });

  it('takes images only, decided by content: a PDF or a page named .jpg is refused and nothing is stored', async () => {
    const ip = '198.51.100.4';
    const receipt = (await submit(s, ip, [{ fileName: 'door.jpg', size: PDF.length }, { fileName: 'x.jpg', size: 40 }])).data!.submitPublicReport;
    const before = storedFiles(s).length;
    const pdf = await put(s, receipt.photoUploads[0]!.url, PDF, ip);
    expect(pdf.status).toBe(400);
    expect(((await pdf.json()) as { errors: Errors }).errors[0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'UNSUPPORTED_TYPE' });
    const page = await put(s, receipt.photoUploads[1]!.url, Buffer.from('<html><script>alert(1)</script></html>'), ip);
    expect(page.status).toBe(400);
    expect(storedFiles(s).length).toBe(before);
    expect(await orm.em.fork().count(Attachment, { matter: (await matterOf(receipt.status.reference)).id })).toBe(0);
  });

  it('leaves nothing half-stored when the row cannot be written (the matter was closed meanwhile)', async () => {
    const ip = '198.51.100.5';
    const image = await photo();
    const receipt = (await submit(s, ip, [{ fileName: 'a.jpg', size: image.length }])).data!.submitPublicReport;
    const matter = await matterOf(receipt.status.reference);
    await orm.em.fork().nativeUpdate(Matter, { id: matter.id }, { status: MatterStatus.WITHDRAWN });
    const before = storedFiles(s).length;
    const res = await put(s, receipt.photoUploads[0]!.url, image, ip);
    expect(res.status).toBe(409);
    expect(storedFiles(s).length).toBe(before);
    expect(await orm.em.fork().count(Attachment, { matter: matter.id })).toBe(0);
  });

  it('rate-limits photo uploads per client address: TOO_MANY_REQUESTS after the limit, other addresses unaffected', async () => {
    const ip = '198.51.100.6';
    const image = await photo();
    const receipt = (await submit(s, ip, [{ fileName: 'a.jpg', size: image.length }])).data!.submitPublicReport;
    const { url } = receipt.photoUploads[0]!;
    for (let i = 0; i < PHOTO_LIMIT.points; i++) expect((await put(s, url, image, ip)).status).toBe(201);
    const limited = await put(s, url, image, ip);
    expect(limited.status).toBe(429);
    expect(((await limited.json()) as { errors: Errors }).errors[0]!.extensions.code).toBe('TOO_MANY_REQUESTS');
    expect((await put(s, url, image, '198.51.100.7')).status).toBe(201);
  });
});
