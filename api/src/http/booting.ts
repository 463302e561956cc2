import type http from 'node:http';
import type { Duplex } from 'node:stream';

export interface BootGate {
  /** Stops answering for the booting instance; the full app's handlers take over. */
  open(): void;
}

/**
 * While the instance boots (waiting for PostgreSQL, migrating, seeding) its port already answers:
 * `/healthz` 200 — the process is alive, do not restart it — and everything else 503 with
 * Retry-After, so `/readyz` keeps load balancers and Kubernetes away until it is ready.
 * WebSocket upgrades are refused with 503 too; consoles retry.
 */
export function gateWhileBooting(server: http.Server): BootGate {
  const onRequest = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    res.writeHead(503, { 'content-type': 'text/plain', 'retry-after': '2' }).end(path === '/readyz' ? 'starting' : 'starting; try again shortly');
  };
  const onUpgrade = (_req: http.IncomingMessage, socket: Duplex) => {
    socket.end('HTTP/1.1 503 Service Unavailable\r\nRetry-After: 2\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  };
  server.on('request', onRequest);
  server.on('upgrade', onUpgrade);
  return {
    open() {
      server.off('request', onRequest);
      server.off('upgrade', onUpgrade);
    },
  };
}
