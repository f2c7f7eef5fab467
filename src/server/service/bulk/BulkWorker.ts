import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { PROGRESS_BATCH_MS } from 'mediashelf/core';
import type { MediaOperationRow } from '../../db/MediaDatabase';
import type { ServiceRuntime } from '../ServiceRuntime';
import { changeOf, processBatch } from './processBatch';
import { readOperation } from './readOperation';

/** Claims after which a job that keeps failing unexpectedly ends `failed`. */
const MAX_ATTEMPTS = 5;

/** Tuning of the bulk worker. */
export interface BulkWorkerOptions {
  /** Identifies this process in `media_operations.locked_by`; a random id by default. */
  workerId?: string;
  /** Items per transaction; default 100. */
  batchSize?: number;
  /** How long a claimed job stays reserved without progress; default 30 s. */
  leaseMs?: number;
  /** How often to look for jobs left by stopped workers; default 5 s (0 disables polling). */
  pollIntervalMs?: number;
}

/**
 * Runs bulk jobs from `media_operations`: claims one whose lease is free or expired (so a job
 * left by a crashed process resumes from its first pending item), works through it batch by
 * batch, and emits `operation.progress` at most every 100 ms per job plus the final state.
 */
export class BulkWorker {
  readonly workerId: string;
  private readonly batchSize: number;
  private readonly leaseMs: number;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private readonly timer: ReturnType<typeof setInterval> | null;

  constructor(
    private readonly runtime: ServiceRuntime,
    options: BulkWorkerOptions = {},
  ) {
    this.workerId = options.workerId ?? `worker-${randomUUID()}`;
    this.batchSize = options.batchSize ?? 100;
    this.leaseMs = options.leaseMs ?? 30_000;
    const pollIntervalMs = options.pollIntervalMs ?? 5_000;
    this.timer = pollIntervalMs > 0 ? setInterval(() => this.wake(), pollIntervalMs) : null;
    this.timer?.unref?.();
  }

  /** Looks for work now (after a job was started, or to resume abandoned ones). */
  wake(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.drain().finally(() => {
      this.running = null;
      if (this.again && !this.stopped) {
        this.again = false;
        void this.wake();
      }
    });
    return this.running;
  }

  /**
   * Stops claiming work, waits for the current batch and releases this worker's leases, so
   * another process resumes its unfinished jobs at its next poll instead of after the lease.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
    await this.runtime.db
      .updateTable('media_operations')
      .set({ locked_by: null, locked_until: null })
      .where('locked_by', '=', this.workerId)
      .where('status', 'in', ['queued', 'processing'])
      .execute()
      .catch(() => undefined);
  }

  private async drain(): Promise<void> {
    for (;;) {
      if (this.stopped) return;
      const job = await this.claim().catch(() => undefined);
      if (!job) return;
      await this.run(job).catch((error) => this.release(job, error));
    }
  }

  private async claim(): Promise<MediaOperationRow | undefined> {
    const { db } = this.runtime;
    return db
      .updateTable('media_operations')
      .set((eb) => ({
        status: 'processing',
        locked_by: this.workerId,
        locked_until: sql<Date>`now() + ${`${this.leaseMs} milliseconds`}::interval`,
        attempts: eb('attempts', '+', 1),
      }))
      .where(
        'id',
        '=',
        db
          .selectFrom('media_operations')
          .select('id')
          .where('status', 'in', ['queued', 'processing'])
          .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', sql<Date>`now()`)]))
          .orderBy('created_at')
          .limit(1)
          .forUpdate()
          .skipLocked(),
      )
      .returningAll()
      .executeTakeFirst();
  }

  private async run(job: MediaOperationRow): Promise<void> {
    let lastEmit = 0;
    for (;;) {
      // PGlite answers in microtasks only: without a macrotask turn before every batch, timers
      // and sockets (event batching, WebSocket sends, other HTTP requests) wait for the whole job.
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (this.stopped) return;
      const batch = await processBatch(this.runtime, job, this.workerId, this.batchSize, this.leaseMs);
      if (!batch.leaseHeld) return;
      if (batch.changedIds.length > 0) {
        this.runtime.emit(job.tenant_id, {
          type: 'media.changed',
          ids: batch.changedIds,
          change: changeOf(job.type),
        });
      }
      if (batch.handled === 0) break;
      if (Date.now() - lastEmit >= PROGRESS_BATCH_MS) {
        lastEmit = Date.now();
        await this.emitProgress(job.id);
      }
    }
    const now = this.runtime.clock();
    await this.runtime.db
      .updateTable('media_operations')
      .set({ status: 'completed', finished_at: now, updated_at: now, locked_by: null, locked_until: null })
      .where('id', '=', job.id)
      .where('locked_by', '=', this.workerId)
      .execute();
    await this.emitProgress(job.id);
  }

  /**
   * After an unexpected failure (database down, a bug): a job that failed {@link MAX_ATTEMPTS}
   * claims ends `failed` with the reason; otherwise its lease is shortened so that a later poll
   * retries it from its first pending item.
   */
  private async release(job: MediaOperationRow, error: unknown): Promise<void> {
    const now = this.runtime.clock();
    const reason = error instanceof Error ? error.message : String(error);
    const giveUp = job.attempts >= MAX_ATTEMPTS;
    await this.runtime.db
      .updateTable('media_operations')
      .set(
        giveUp
          ? {
              status: 'failed',
              error: reason,
              finished_at: now,
              updated_at: now,
              locked_by: null,
              locked_until: null,
            }
          : { locked_until: sql<Date>`now() + interval '1 second'`, updated_at: now },
      )
      .where('id', '=', job.id)
      .where('locked_by', '=', this.workerId)
      .execute()
      .catch(() => undefined);
    if (giveUp) await this.emitProgress(job.id).catch(() => undefined);
  }

  private async emitProgress(id: string): Promise<void> {
    const row = await this.runtime.db
      .selectFrom('media_operations')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) return;
    this.runtime.emit(row.tenant_id, {
      type: 'operation.progress',
      operation: await readOperation(this.runtime.db, row),
    });
  }
}
