import net from 'node:net';

/**
 * A TCP hop between a client under test and a real server (PostgreSQL, Redis), which a test can
 * cut — every open connection dropped, new ones refused — and restore, the way a server restart
 * or failover looks to its clients. The server itself is left alone, so other tests keep using it.
 */
export class TcpHop {
  /** Connections refused while cut: proof the client kept trying. */
  refused = 0;
  private cutOff = false;
  private readonly sockets = new Set<net.Socket>();

  private constructor(private readonly server: net.Server, private readonly target: { host: string; port: number }) {
    server.on('connection', (client) => this.accept(client));
  }

  /** A hop on a local port (default: a free one) in front of `targetUrl`'s host and port (e.g. redis://…, postgresql://…). */
  static async open(targetUrl: string, defaultPort: number, listenPort = 0): Promise<TcpHop> {
    const u = new URL(targetUrl);
    const hop = new TcpHop(net.createServer(), { host: u.hostname || '127.0.0.1', port: Number(u.port || defaultPort) });
    await new Promise<void>((resolve) => hop.server.listen(listenPort, '127.0.0.1', resolve));
    return hop;
  }

  get port(): number {
    return (this.server.address() as net.AddressInfo).port;
  }

  /** `url` with its host and port replaced by the hop's. */
  urlFor(url: string): string {
    const u = new URL(url);
    u.hostname = '127.0.0.1';
    u.port = String(this.port);
    return u.toString();
  }

  /** Drops every open connection and refuses new ones until restore(). */
  cut(): void {
    this.cutOff = true;
    for (const s of this.sockets) s.destroy();
  }

  restore(): void {
    this.cutOff = false;
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private accept(client: net.Socket): void {
    if (this.cutOff) {
      this.refused++;
      client.destroy();
      return;
    }
    const upstream = net.connect(this.target.port, this.target.host);
    for (const s of [client, upstream]) {
      this.sockets.add(s);
      s.on('error', () => {});
      s.on('close', () => {
        this.sockets.delete(s);
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  }
}
