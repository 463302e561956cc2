import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Client } from 'graphql-ws';
import { createApolloClient } from './client';
import { LoginMutation, MeQuery } from '../graphql/operations';
import { endSession, getToken, startSession, useSession } from '../session/session';
import { renderHook } from '@testing-library/react';

const ws = { subscribe: vi.fn(), dispose: vi.fn(), on: vi.fn(), terminate: vi.fn(), iterate: vi.fn() } as unknown as Client;

function respondWith(body: unknown) {
  const fetchMock = vi.fn(async (_url: string, init?: RequestInit) => {
    void init;
    return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

const unauthenticated = { data: null, errors: [{ message: 'Not signed in', extensions: { code: 'UNAUTHENTICATED' } }] };

describe('Apollo client session handling', () => {
  beforeEach(() => endSession(null));
  afterEach(() => vi.unstubAllGlobals());

  it('sends the token as a bearer header', async () => {
    startSession('token-123');
    const fetchMock = respondWith({ data: { me: null } });
    await createApolloClient(ws).query({ query: MeQuery });
    const headers = new Headers(fetchMock.mock.calls[0]![1]!.headers);
    expect(headers.get('authorization')).toBe('Bearer token-123');
  });

  it('ends the session with the "expired" notice on UNAUTHENTICATED', async () => {
    startSession('stale-token');
    respondWith(unauthenticated);
    await expect(createApolloClient(ws).query({ query: MeQuery })).rejects.toThrow();
    expect(getToken()).toBeNull();
    expect(localStorage.getItem('sst.token')).toBeNull();
    const { result } = renderHook(() => useSession());
    expect(result.current.notice).toBe('expired');
  });

  it('does not treat a wrong password on the login form as an expired session', async () => {
    respondWith(unauthenticated);
    await expect(
      createApolloClient(ws).mutate({ mutation: LoginMutation, variables: { username: 'x', password: 'y' } }),
    ).rejects.toThrow();
    const { result } = renderHook(() => useSession());
    expect(result.current.notice).toBeNull();
  });
});
