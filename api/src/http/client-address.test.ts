import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config';
import { clientAddress, parseTrustProxy } from './client-address';
import { addressKey } from './rate-limit';

function request(peer: string, forwardedFor?: string): IncomingMessage {
  const headers = forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor };
  const socket = { remoteAddress: peer };
  return { headers, socket, connection: socket } as unknown as IncomingMessage;
}

const from = (trust: string | undefined, peer: string, forwardedFor?: string) =>
  clientAddress(request(peer, forwardedFor), { TRUST_PROXY: parseTrustProxy(trust) });

describe('clientAddress (TRUST_PROXY, proxy-addr semantics)', () => {
  it('ignores X-Forwarded-For unless the peer is a trusted proxy', () => {
    for (const off of [undefined, '', 'false', '0', 'off']) expect(from(off, '203.0.113.5', '198.51.100.1'), String(off)).toBe('203.0.113.5');
    // Trusted by address: a peer outside the list is the client, whatever it claims.
    expect(from('loopback, 10.0.0.0/8', '203.0.113.5', '198.51.100.1')).toBe('203.0.113.5');
  });

  it('takes the address the trusted proxy saw, not what the client wrote before it', () => {
    // nginx appends the address it saw ($proxy_add_x_forwarded_for): the resident's own header comes first.
    expect(from('1', '127.0.0.1', 'spoofed-1, 198.51.100.7')).toBe('198.51.100.7');
    expect(from('true', '127.0.0.1', '203.0.113.99, 198.51.100.7')).toBe('198.51.100.7');
    expect(from('loopback, 10.0.0.0/8', '127.0.0.1', '203.0.113.99, 198.51.100.7, 10.1.2.3')).toBe('198.51.100.7');
    expect(from('2', '10.0.0.2', '203.0.113.99, 198.51.100.7, 10.1.2.3')).toBe('198.51.100.7');
    // A trusted proxy that sent no header: the proxy itself.
    expect(from('1', '127.0.0.1')).toBe('127.0.0.1');
    expect(from(undefined, '::ffff:192.0.2.4')).toBe('192.0.2.4');
  });

  it('is validated at boot: one error names TRUST_PROXY', () => {
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).TRUST_PROXY).toEqual(['loopback', '10.0.0.0/8']);
    expect(loadConfig({ TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2);
    expect(() => loadConfig({ TRUST_PROXY: 'nginx-box' })).toThrow(ConfigError);
    expect(() => loadConfig({ TRUST_PROXY: 'nginx-box' })).toThrow(/TRUST_PROXY/);
  });
});

describe('addressKey', () => {
  it('counts IPv4 as is and IPv6 by its /64', () => {
    expect(addressKey('192.0.2.1')).toBe('192.0.2.1');
    expect(addressKey('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(addressKey('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:0db8:0001:0002:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:1:2::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey(undefined)).toBe('unknown');
  });
});
