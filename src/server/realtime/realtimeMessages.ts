import type { BulkOperation, BulkOperationStatus, MediaChange } from 'mediashelf/core';
import type { TenantEvent } from '../service/MediaService';

/**
 * Largest NOTIFY payload the hub sends, in UTF-8 bytes. PostgreSQL refuses payloads of 8000
 * bytes or more (with the default 8 KiB block size); the margin leaves room for servers built
 * with an unusual encoding overhead.
 */
export const MAX_NOTIFY_PAYLOAD_BYTES = 7900;

/** Version of the wire format; messages of another version are ignored. */
export const REALTIME_MESSAGE_VERSION = 1;

/** Statuses after which an operation never changes again. */
export const FINAL_OPERATION_STATUSES: ReadonlySet<BulkOperationStatus> = new Set([
  'completed',
  'failed',
  'cancelled',
]);

/**
 * What an operation too large for one notification is reduced to: the receiver re-reads the
 * full state with `getOperation` before delivering it.
 */
export interface OperationReference {
  operationId: string;
  tenantId: string;
  status: BulkOperationStatus;
  processed: number;
  total: number;
}

interface MessageHead {
  v: typeof REALTIME_MESSAGE_VERSION;
  /** `instanceId` of the hub that published it, so that hub can skip its own echo. */
  origin: string;
  tenantId: string;
}

/** One decoded notification of the realtime channel. */
export type RealtimeMessage =
  | (MessageHead & { kind: 'changed'; change: MediaChange; ids: string[] })
  | (MessageHead & { kind: 'operation'; operation: BulkOperation })
  | (MessageHead & { kind: 'reference'; reference: OperationReference });

const encoder = new TextEncoder();

function byteLength(text: string): number {
  // TextEncoder rather than Buffer: the module stays usable outside Node's globals.
  return encoder.encode(text).byteLength;
}

/** Thrown by {@link encodeTenantEvent} when part of an event cannot fit in any notification. */
export class PayloadTooLargeError extends RangeError {
  constructor(message: string) {
    super(message);
    this.name = 'PayloadTooLargeError';
  }
}

/**
 * Encodes a tenant event as NOTIFY payloads of at most `maxBytes` UTF-8 bytes each:
 * - `media.changed`: one payload, or several that split `ids` in order (each a valid event);
 * - `operation.progress`: the whole operation when it fits, otherwise an {@link OperationReference}
 *   (a 10 000-item operation lists ~370 KB of ids).
 *
 * Throws {@link PayloadTooLargeError} when even the smallest message does not fit (a tenant id
 * or a single media id of several kilobytes).
 */
export function encodeTenantEvent(
  tenantEvent: TenantEvent,
  origin: string,
  maxBytes: number = MAX_NOTIFY_PAYLOAD_BYTES,
): string[] {
  const head: MessageHead = { v: REALTIME_MESSAGE_VERSION, origin, tenantId: tenantEvent.tenantId };
  const { event } = tenantEvent;
  if (event.type === 'media.changed') return encodeChanged(head, event.change, event.ids, maxBytes);

  const full = JSON.stringify({ ...head, kind: 'operation', operation: event.operation });
  if (byteLength(full) <= maxBytes) return [full];
  const { operation } = event;
  const reference: OperationReference = {
    operationId: operation.id,
    tenantId: tenantEvent.tenantId,
    status: operation.status,
    processed: operation.processed,
    total: operation.total,
  };
  const compact = JSON.stringify({ ...head, kind: 'reference', reference });
  if (byteLength(compact) > maxBytes) {
    throw new PayloadTooLargeError(`An operation reference does not fit in ${maxBytes} bytes`);
  }
  return [compact];
}

function encodeChanged(head: MessageHead, change: MediaChange, ids: string[], maxBytes: number): string[] {
  // `ids` is the last key: the prefix ends just before its array.
  const prefix = JSON.stringify({ ...head, kind: 'changed', change, ids: [] }).slice(0, -3);
  const empty = `${prefix}[]}`;
  const baseBytes = byteLength(empty);
  if (baseBytes > maxBytes) {
    throw new PayloadTooLargeError(`A media.changed message does not fit in ${maxBytes} bytes`);
  }
  if (ids.length === 0) return [empty];
  const payloads: string[] = [];
  let parts: string[] = [];
  let bytes = baseBytes;
  for (const id of ids) {
    const part = JSON.stringify(id);
    const partBytes = byteLength(part);
    if (baseBytes + partBytes > maxBytes) {
      throw new PayloadTooLargeError(`A media id of ${partBytes} bytes does not fit in a notification`);
    }
    const added = parts.length === 0 ? partBytes : partBytes + 1;
    if (bytes + added > maxBytes) {
      payloads.push(`${prefix}[${parts.join(',')}]}`);
      parts = [];
      bytes = baseBytes;
    }
    bytes += parts.length === 0 ? partBytes : partBytes + 1;
    parts.push(part);
  }
  payloads.push(`${prefix}[${parts.join(',')}]}`);
  return payloads;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

/**
 * Decodes a NOTIFY payload of the realtime channel; null for anything else (another version,
 * another application sharing the channel, a malformed message). Never throws.
 */
export function decodeRealtimeMessage(payload: string): RealtimeMessage | null {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return null;
  }
  if (!isRecord(value) || value.v !== REALTIME_MESSAGE_VERSION) return null;
  const { origin, tenantId, kind } = value;
  if (!isNonEmptyString(origin) || !isNonEmptyString(tenantId)) return null;
  const head: MessageHead = { v: REALTIME_MESSAGE_VERSION, origin, tenantId };
  if (kind === 'changed') {
    const { change, ids } = value;
    if (!isNonEmptyString(change) || !Array.isArray(ids) || !ids.every(isNonEmptyString)) return null;
    return { ...head, kind, change: change as MediaChange, ids };
  }
  if (kind === 'operation') {
    const operation = value.operation;
    if (
      !isRecord(operation) ||
      !isNonEmptyString(operation.id) ||
      !isNonEmptyString(operation.status) ||
      !Array.isArray(operation.succeeded) ||
      !Array.isArray(operation.failed)
    ) {
      return null;
    }
    return { ...head, kind, operation: operation as unknown as BulkOperation };
  }
  if (kind === 'reference') {
    const reference = value.reference;
    if (
      !isRecord(reference) ||
      !isNonEmptyString(reference.operationId) ||
      reference.tenantId !== tenantId ||
      !isNonEmptyString(reference.status) ||
      !isCount(reference.processed) ||
      !isCount(reference.total)
    ) {
      return null;
    }
    return {
      ...head,
      kind,
      reference: {
        operationId: reference.operationId,
        tenantId,
        status: reference.status as BulkOperationStatus,
        processed: reference.processed,
        total: reference.total,
      },
    };
  }
  return null;
}
