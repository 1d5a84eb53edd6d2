// The handle of a LISTEN subscription, the same shape on every engine (db.ts, db/pglite-thread.ts).

export interface ListenHandlers {
  /**
   * A NOTIFY on the channel was committed, by any process: this process's own before its
   * transaction returns (on PostgreSQL possibly once more, through the listening connection).
   */
  onNotify(payload: string): void;
  /**
   * Listening stopped or resumed (the connection was lost or re-established): notifications
   * may have been missed, so anything kept on the strength of them must be re-read.
   */
  onReset?(): void;
}

export interface Listener {
  /** True while notifications are being received; while false, some may be missed. */
  readonly live: boolean;
  close(): Promise<void>;
}

export interface ListenerState {
  live: boolean;
  closed: boolean;
}

/** The handle of a subscription on either engine: `live` as the engine sets it, `close` once (not live from then on). */
export function listenerHandle(state: ListenerState, teardown: () => Promise<void>): Listener {
  return {
    get live() {
      return state.live;
    },
    close: async () => {
      if (state.closed) return;
      state.closed = true;
      state.live = false;
      await teardown();
    },
  };
}
