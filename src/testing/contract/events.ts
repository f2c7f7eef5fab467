import type { BulkOperation, MediaEvent } from 'mediashelf/core';
import { describe, expect } from 'vitest';
import { waitForOperation } from '../waitForOperation';
import type { ContractContext } from './context';
import { itUnless, upload, waitUntil } from './helpers';

type ChangedEvent = Extract<MediaEvent, { type: 'media.changed' }>;

/** subscribe: change and progress events, and unsubscribing. */
export function describeEvents(ctx: ContractContext): void {
  const test = itUnless(ctx.capabilities.realtime ? null : 'capabilities.realtime is false');

  const record = () => {
    const events: MediaEvent[] = [];
    const unsubscribe = ctx.subscribe((event) => events.push(event));
    return { events, unsubscribe };
  };
  const changed = (events: MediaEvent[], id: string, change: ChangedEvent['change']) =>
    events.some(
      (event) => event.type === 'media.changed' && event.change === change && event.ids.includes(id),
    );

  describe('subscribe', () => {
    test("emits media.changed 'created' for an upload", async () => {
      const { events } = record();
      const file = await upload(ctx.adapter);
      await waitUntil(() => changed(events, file.id, 'created'), ctx.timeoutMs, "media.changed 'created'");
    });

    test("emits media.changed 'deleted' and 'restored' for the trash", async () => {
      const file = await upload(ctx.adapter);
      const { events } = record();
      await ctx.adapter.deleteMedia({ id: file.id });
      await waitUntil(() => changed(events, file.id, 'deleted'), ctx.timeoutMs, "media.changed 'deleted'");
      await ctx.adapter.restoreMedia({ id: file.id });
      await waitUntil(() => changed(events, file.id, 'restored'), ctx.timeoutMs, "media.changed 'restored'");
    });

    test('emits operation.progress up to a final completed state', async () => {
      const files = [await upload(ctx.adapter), await upload(ctx.adapter), await upload(ctx.adapter)];
      const { events } = record();
      const started = await ctx.adapter.startBulkOperation({
        type: 'bulk-delete',
        ids: files.map((f) => f.id),
      });
      const progress = () =>
        events.flatMap((event): BulkOperation[] =>
          event.type === 'operation.progress' && event.operation.id === started.id ? [event.operation] : [],
        );
      await waitUntil(
        () => progress().some((operation) => operation.status === 'completed'),
        ctx.timeoutMs,
        'a completed operation.progress event',
      );
      const final = progress().find((operation) => operation.status === 'completed')!;
      expect(final).toMatchObject({ total: 3, processed: 3, percentage: 100 });
      expect(final.succeeded).toHaveLength(3);
      const processed = progress().map((operation) => operation.processed);
      expect(processed).toEqual([...processed].sort((a, b) => a - b));
      expect(await waitForOperation(ctx.adapter, started.id, { timeoutMs: ctx.timeoutMs })).toMatchObject({
        status: 'completed',
        processed: 3,
      });
    });

    test('stops delivering events after unsubscribe', async () => {
      const stopped = record();
      const still = record();
      stopped.unsubscribe();
      const file = await upload(ctx.adapter);
      await waitUntil(() => changed(still.events, file.id, 'created'), ctx.timeoutMs, 'the other listener');
      expect(stopped.events).toEqual([]);
    });
  });
}
