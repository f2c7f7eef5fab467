import type { BulkOperation, MediaChange, MediaEvent } from 'mediashelf/core';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Reads one realtime message into a {@link MediaEvent}, or null for anything else (pings,
 * acknowledgements, malformed data). The type comes from the message's `type` field, or from the
 * SSE `event:` name when the data carries only the payload.
 */
export function parseRealtimeMessage(data: unknown, eventName?: string): MediaEvent | null {
  let message: unknown = data;
  if (typeof data === 'string') {
    try {
      message = JSON.parse(data);
    } catch {
      return null;
    }
  }
  if (!isObject(message)) return null;
  const type = typeof message.type === 'string' ? message.type : eventName;
  if (type === 'operation.progress') {
    const { operation } = message;
    if (!isObject(operation) || typeof operation.id !== 'string') return null;
    return { type, operation: operation as unknown as BulkOperation };
  }
  if (type === 'media.changed') {
    const { ids, change } = message;
    if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string') || typeof change !== 'string') {
      return null;
    }
    return { type, ids, change: change as MediaChange };
  }
  return null;
}
