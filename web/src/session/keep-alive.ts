import { useEffect } from 'react';
import type { ApolloClient } from '@apollo/client';
import { MeQuery } from '../graphql/operations';

/** What counts as the person using the console (not a push arriving on the socket). */
const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;
export const KEEP_ALIVE_INTERVAL_MS = 5 * 60_000;

/**
 * The api ends a session after SESSION_IDLE_MINUTES without a request, and an open WebSocket is
 * not use: a console left unattended idles out and stops receiving matters. Someone reading and
 * scrolling through a matter sends no request for a while, though, so while the person is active
 * the console tells the api so, at most once per `intervalMs`.
 */
export function useKeepAliveWhileActive(client: Pick<ApolloClient, 'query'>, intervalMs = KEEP_ALIVE_INTERVAL_MS): void {
  useEffect(() => {
    let last = Date.now();
    const onActivity = () => {
      const now = Date.now();
      if (now - last < intervalMs) return;
      last = now;
      // An UNAUTHENTICATED answer ends the session through the client's error link.
      client.query({ query: MeQuery, fetchPolicy: 'network-only' }).catch(() => undefined);
    };
    for (const type of ACTIVITY_EVENTS) window.addEventListener(type, onActivity, { capture: true, passive: true });
    return () => {
      for (const type of ACTIVITY_EVENTS) window.removeEventListener(type, onActivity, { capture: true });
    };
  }, [client, intervalMs]);
}
