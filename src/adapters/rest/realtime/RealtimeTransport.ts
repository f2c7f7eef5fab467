import type { MediaEvent } from 'mediashelf/core';

/** What a transport reports to the hub. */
export interface TransportHandlers {
  /** The connection is established; events sent from now on will arrive. */
  onOpen(): void;
  onEvent(event: MediaEvent): void;
  /** The connection failed to open or dropped; `error` says why when known. Called at most once. */
  onClose(error?: unknown): void;
}

/** An open (or opening) realtime connection. */
export interface TransportConnection {
  /** Closes without calling `onClose`. */
  close(): void;
}

/** Opens one connection of a transport. */
export type OpenTransport = (handlers: TransportHandlers) => TransportConnection;
