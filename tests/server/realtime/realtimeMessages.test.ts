import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  decodeRealtimeMessage,
  encodeTenantEvent,
  MAX_NOTIFY_PAYLOAD_BYTES,
  PayloadTooLargeError,
  type RealtimeMessage,
} from '../../../src/server/realtime';
import { operationOf } from './realtimeTestKit';

const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

function decodeAll(payloads: string[]): RealtimeMessage[] {
  return payloads.map((payload) => {
    const message = decodeRealtimeMessage(payload);
    expect(message).not.toBeNull();
    return message!;
  });
}

describe('encodeTenantEvent / decodeRealtimeMessage', () => {
  it('round-trips a small media.changed in one payload with origin and tenant', () => {
    const ids = [randomUUID(), randomUUID()];
    const payloads = encodeTenantEvent(
      { tenantId: 'tenant-a', event: { type: 'media.changed', change: 'created', ids } },
      'instance-1',
    );
    expect(payloads).toHaveLength(1);
    expect(decodeRealtimeMessage(payloads[0]!)).toEqual({
      v: 1,
      origin: 'instance-1',
      tenantId: 'tenant-a',
      kind: 'changed',
      change: 'created',
      ids,
    });
  });

  it('keeps an empty media.changed as one payload', () => {
    const payloads = encodeTenantEvent(
      { tenantId: 't', event: { type: 'media.changed', change: 'purged', ids: [] } },
      'o',
    );
    expect(decodeAll(payloads)).toMatchObject([{ kind: 'changed', change: 'purged', ids: [] }]);
  });

  it('splits 2,000 ids into payloads under the NOTIFY limit, every id once and in order', () => {
    const ids = Array.from({ length: 2000 }, () => randomUUID());
    const payloads = encodeTenantEvent(
      { tenantId: 'tenant-a', event: { type: 'media.changed', change: 'deleted', ids } },
      randomUUID(),
    );
    // 2,000 quoted UUIDs are ~78 KB: at least 10 notifications, and not wastefully many.
    expect(payloads.length).toBeGreaterThanOrEqual(10);
    expect(payloads.length).toBeLessThanOrEqual(12);
    for (const payload of payloads) expect(bytes(payload)).toBeLessThanOrEqual(MAX_NOTIFY_PAYLOAD_BYTES);
    const messages = decodeAll(payloads);
    expect(messages.every((message) => message.kind === 'changed' && message.change === 'deleted')).toBe(
      true,
    );
    expect(messages.every((message) => message.tenantId === 'tenant-a')).toBe(true);
    expect(messages.flatMap((message) => (message.kind === 'changed' ? message.ids : []))).toEqual(ids);
  });

  it('measures UTF-8 bytes, not characters, and fills payloads up to the limit exactly', () => {
    const ids = Array.from({ length: 300 }, (_, index) => `fichier-é€😀-${index}`);
    const maxBytes = 1000;
    const payloads = encodeTenantEvent(
      { tenantId: 'école-ü', event: { type: 'media.changed', change: 'updated', ids } },
      'o',
      maxBytes,
    );
    for (const payload of payloads) expect(bytes(payload)).toBeLessThanOrEqual(maxBytes);
    const messages = decodeAll(payloads);
    expect(messages[0]!.tenantId).toBe('école-ü');
    expect(messages.flatMap((message) => (message.kind === 'changed' ? message.ids : []))).toEqual(ids);
    // Greedy filling: no payload but the last could have taken the next id.
    for (let index = 0; index < messages.length - 1; index += 1) {
      const next = (messages[index + 1] as { ids: string[] }).ids[0]!;
      expect(bytes(payloads[index]!) + bytes(JSON.stringify(next)) + 1).toBeGreaterThan(maxBytes);
    }
  });

  it('sends an operation that fits whole', () => {
    const operation = operationOf(20);
    const payloads = encodeTenantEvent(
      { tenantId: 'tenant-a', event: { type: 'operation.progress', operation } },
      'o',
    );
    expect(payloads).toHaveLength(1);
    expect(decodeRealtimeMessage(payloads[0]!)).toEqual({
      v: 1,
      origin: 'o',
      tenantId: 'tenant-a',
      kind: 'operation',
      operation,
    });
  });

  it('reduces a 10,000-item operation (~370 KB) to a compact reference', () => {
    const operation = operationOf(10_000, 'completed');
    expect(bytes(JSON.stringify(operation))).toBeGreaterThan(370_000);
    const payloads = encodeTenantEvent(
      { tenantId: 'tenant-a', event: { type: 'operation.progress', operation } },
      'o',
    );
    expect(payloads).toHaveLength(1);
    expect(bytes(payloads[0]!)).toBeLessThan(300);
    expect(decodeRealtimeMessage(payloads[0]!)).toEqual({
      v: 1,
      origin: 'o',
      tenantId: 'tenant-a',
      kind: 'reference',
      reference: {
        operationId: operation.id,
        tenantId: 'tenant-a',
        status: 'completed',
        processed: 10_000,
        total: 10_000,
      },
    });
  });

  it('switches to a reference exactly when the whole operation passes the limit', () => {
    const operation = operationOf(150);
    const event = { tenantId: 't', event: { type: 'operation.progress' as const, operation } };
    const whole = encodeTenantEvent(event, 'o', 100_000)[0]!;
    expect(decodeRealtimeMessage(encodeTenantEvent(event, 'o', bytes(whole))[0]!)?.kind).toBe('operation');
    expect(decodeRealtimeMessage(encodeTenantEvent(event, 'o', bytes(whole) - 1)[0]!)?.kind).toBe(
      'reference',
    );
  });

  it('throws PayloadTooLargeError when nothing can fit', () => {
    const hugeTenant = 'x'.repeat(MAX_NOTIFY_PAYLOAD_BYTES);
    expect(() =>
      encodeTenantEvent(
        { tenantId: hugeTenant, event: { type: 'media.changed', change: 'created', ids: ['a'] } },
        'o',
      ),
    ).toThrow(PayloadTooLargeError);
    expect(() =>
      encodeTenantEvent(
        { tenantId: 't', event: { type: 'media.changed', change: 'created', ids: ['ok', 'y'.repeat(9000)] } },
        'o',
      ),
    ).toThrow(PayloadTooLargeError);
    expect(() =>
      encodeTenantEvent(
        { tenantId: hugeTenant, event: { type: 'operation.progress', operation: operationOf(1) } },
        'o',
      ),
    ).toThrow(PayloadTooLargeError);
  });

  it('ignores payloads that are not messages of this version', () => {
    const valid = JSON.parse(
      encodeTenantEvent(
        { tenantId: 't', event: { type: 'media.changed', change: 'created', ids: ['a'] } },
        'o',
      )[0]!,
    );
    const variants: unknown[] = [
      { ...valid, v: 2 },
      { ...valid, origin: '' },
      { ...valid, tenantId: 42 },
      { ...valid, kind: 'other' },
      { ...valid, ids: 'a' },
      { ...valid, ids: [1] },
      { ...valid, kind: 'operation', operation: { id: 'x' } },
      {
        ...valid,
        kind: 'reference',
        reference: { operationId: 'x', tenantId: 'other', status: 'queued', processed: 0, total: 1 },
      },
      {
        ...valid,
        kind: 'reference',
        reference: { operationId: 'x', tenantId: 't', status: 'queued', processed: -1, total: 1 },
      },
      [valid],
      null,
    ];
    for (const variant of variants) expect(decodeRealtimeMessage(JSON.stringify(variant))).toBeNull();
    expect(decodeRealtimeMessage('not json')).toBeNull();
    expect(decodeRealtimeMessage('')).toBeNull();
    expect(decodeRealtimeMessage(JSON.stringify(valid))).not.toBeNull();
  });
});
