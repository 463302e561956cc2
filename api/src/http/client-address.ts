import type { IncomingMessage } from 'node:http';
import proxyAddr from 'proxy-addr';

/**
 * Which peers may tell us the client's address through `X-Forwarded-For` — `TRUST_PROXY`, with
 * the semantics of the `proxy-addr` package (as Express's `trust proxy`):
 *
 * - unset, `false`, `0`: nobody; the client is the TCP peer and the header is ignored.
 * - a number of hops, `1`, `2`…: the TCP peer and the next n−1 entries of the header (from the
 *   right) are our proxies; the entry after them is the client.
 * - a list of addresses, CIDRs or the names `loopback`, `linklocal`, `uniquelocal`
 *   (`loopback, 10.0.0.0/8`): entries are skipped from the right while they are such addresses.
 * - `true`: one hop, as `1`. Unlike Express it never means "trust every hop": that takes the
 *   leftmost entry, which any client can write itself, and would let a resident choose a new
 *   address with every request and never be limited.
 */
export type TrustProxy = number | string[];

/** Parses TRUST_PROXY; throws with a readable message when an entry is not an address or CIDR. */
export function parseTrustProxy(raw: string | undefined): TrustProxy {
  const value = (raw ?? '').trim().toLowerCase();
  if (['', 'false', 'no', 'off'].includes(value)) return 0;
  if (['true', 'yes', 'on'].includes(value)) return 1;
  if (/^\d+$/.test(value)) return Number(value);
  const list = value.split(',').map((s) => s.trim()).filter(Boolean);
  try {
    proxyAddr.compile(list);
  } catch (e) {
    throw new Error(`not a number of hops, true/false, or a list of addresses/CIDRs (${(e as Error).message})`);
  }
  return list;
}

const compiled = new WeakMap<object, (addr: string, i: number) => boolean>();
const byHops = new Map<number, (addr: string, i: number) => boolean>();

function trustFunction(trust: TrustProxy): (addr: string, i: number) => boolean {
  if (typeof trust === 'number') {
    let fn = byHops.get(trust);
    // As Express compiles a hop count: the i-th address from the socket inwards is a proxy.
    if (!fn) byHops.set(trust, (fn = (_addr: string, i: number) => i < trust));
    return fn;
  }
  let fn = compiled.get(trust);
  if (!fn) compiled.set(trust, (fn = proxyAddr.compile(trust)));
  return fn;
}

/**
 * The client's address for rate limits and logs, the same way for an HTTP request and for a
 * WebSocket's upgrade request. IPv4-mapped IPv6 addresses are given as IPv4.
 */
export function clientAddress(req: IncomingMessage, config: { TRUST_PROXY: TrustProxy }): string | undefined {
  if (!req.socket?.remoteAddress) return undefined;
  const address = proxyAddr(req, trustFunction(config.TRUST_PROXY));
  return address.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, '$1');
}
