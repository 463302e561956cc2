import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import sirv from 'sirv';

/**
 * The web console's files. A path that is no file gets index.html only when it is a page the
 * browser navigates to (Accept: text/html, no file extension) — the console's client-side routes;
 * anything else (`/metrics`, `/favicon.png`, a probe of `/.env`) answers 404, not the web page
 * with 200.
 */
export function staticHandler(webDist: string, production: boolean): ((req: IncomingMessage, res: ServerResponse) => void) | null {
  if (!fs.existsSync(webDist)) return null;
  // Outside production, files are looked up per request, so rebuilding web/dist under a running api works.
  const files = sirv(webDist, { single: false, etag: true, gzip: true, brotli: true, immutable: true, dev: !production });
  const notFound = (res: ServerResponse): void => {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  };
  return (req, res) => {
    files(req, res, () => {
      if (!isNavigation(req)) {
        notFound(res);
        return;
      }
      const original = req.url;
      req.url = '/index.html';
      files(req, res, () => notFound(res));
      req.url = original;
    });
  };
}

export function isNavigation(req: IncomingMessage): boolean {
  const path = (req.url ?? '/').split('?')[0];
  const last = path.slice(path.lastIndexOf('/') + 1);
  return !last.includes('.') && /\btext\/html\b/.test(String(req.headers.accept ?? ''));
}
