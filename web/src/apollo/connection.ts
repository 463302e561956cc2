import { useSyncExternalStore } from 'react';

// State of the WebSocket as graphql-ws reports it. `epoch` counts successful (re)connections,
// so live features can tell a reconnection from the first connection.

export type ConnectionStatus = 'idle' | 'connecting' | 'connected' | 'reconnecting';

export interface ConnectionState {
  status: ConnectionStatus;
  epoch: number;
}

let state: ConnectionState = { status: 'idle', epoch: 0 };
const listeners = new Set<() => void>();

function set(next: ConnectionState) {
  state = next;
  for (const listener of listeners) listener();
}

export const connectionEvents = {
  connecting() {
    set({ ...state, status: state.epoch > 0 ? 'reconnecting' : 'connecting' });
  },
  connected() {
    set({ status: 'connected', epoch: state.epoch + 1 });
  },
  closed() {
    set({ ...state, status: state.epoch > 0 ? 'reconnecting' : 'connecting' });
  },
  reset() {
    set({ status: 'idle', epoch: 0 });
  },
};

export function getConnectionState(): ConnectionState {
  return state;
}

export function useConnection(): ConnectionState {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    () => state,
  );
}
