import { useSyncExternalStore } from 'react';

// The session is the bearer token in localStorage plus a one-shot notice for the login page
// (why the user was sent there). A tiny external store so non-React code (Apollo links) can end it.

const TOKEN_KEY = 'sst.token';

export type LoginNotice = 'expired' | 'loggedOut' | null;

interface SessionState {
  token: string | null;
  notice: LoginNotice;
}

let state: SessionState = { token: readToken(), notice: null };
const listeners = new Set<() => void>();

function readToken(): string | null {
  try {
    return localStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

function emit(next: SessionState) {
  state = next;
  for (const listener of listeners) listener();
}

export function getToken(): string | null {
  return state.token;
}

export function startSession(token: string) {
  localStorage.setItem(TOKEN_KEY, token);
  emit({ token, notice: null });
}

export function endSession(notice: LoginNotice) {
  localStorage.removeItem(TOKEN_KEY);
  emit({ token: null, notice });
}

/** Called when the server says the token is no longer good; only acts once per session. */
export function expireSession() {
  if (state.token === null) return;
  endSession('expired');
}

export function clearNotice() {
  if (state.notice !== null) emit({ ...state, notice: null });
}

export function subscribeSession(listener: () => void) {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

export function useSession(): SessionState {
  return useSyncExternalStore(subscribeSession, () => state);
}
