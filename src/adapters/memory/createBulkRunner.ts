import {
  type BulkOperation,
  type BulkOperationType,
  MAX_BULK_IDS,
  MediaError,
  type MediaEvent,
  PROGRESS_BATCH_MS,
  toMediaError,
} from 'mediashelf/core';
import { applyLifecycleChange, CHANGE_BY_ACTION, type LifecycleAction } from './applyLifecycleChange';
import type { MemoryStore } from './MemoryStore';

const ACTION_BY_TYPE: Readonly<Record<BulkOperationType, LifecycleAction>> = {
  'bulk-delete': 'delete',
  'bulk-restore': 'restore',
  'bulk-purge': 'purge',
};

/** Settings of {@link createBulkRunner}. */
export interface BulkRunnerOptions {
  store: MemoryStore;
  emit: (event: MediaEvent) => void;
  /** Items per step. */
  batchSize: number;
  /** Simulated time per item; a step waits `batchSize * itemDelayMs`. */
  itemDelayMs: number;
}

/** Runs bulk jobs in timer-driven steps. */
export interface BulkRunner {
  /** Validates and queues a job; answers its first state (`queued`). */
  start(type: unknown, ids: unknown): BulkOperation;
  /** A copy of a job's current state, or `NOT_FOUND`. */
  get(id: string): BulkOperation;
  /** Stops every job and forgets them all (no events). */
  clear(): void;
  /** Stops every job; running ones end `cancelled`. */
  dispose(): void;
}

interface Job {
  state: BulkOperation;
  ids: string[];
  stepTimer: ReturnType<typeof setTimeout> | null;
  throttleTimer: ReturnType<typeof setTimeout> | null;
  lastEmitMs: number;
}

function invalid(field: string, message: string): MediaError {
  return new MediaError('VALIDATION_ERROR', message, { details: { field } });
}

function validateIds(ids: unknown): string[] {
  if (!Array.isArray(ids)) throw invalid('ids', 'ids must be an array of media ids');
  if (ids.length === 0) throw invalid('ids', 'ids must not be empty');
  if (ids.length > MAX_BULK_IDS) throw invalid('ids', `ids must hold at most ${MAX_BULK_IDS} ids`);
  for (const id of ids) {
    if (typeof id !== 'string' || id.trim() === '')
      throw invalid('ids', 'every id must be a non-empty string');
  }
  return [...new Set(ids as string[])];
}

function copyOperation(state: BulkOperation): BulkOperation {
  return { ...state, succeeded: [...state.succeeded], failed: state.failed.map((item) => ({ ...item })) };
}

/**
 * Creates the bulk job runner. A job never blocks the event loop: it handles `batchSize` items
 * per timer step with the single methods' rules; per-item failures (`NOT_FOUND`, `CONFLICT`,
 * `MEDIA_IN_USE`) land in `failed` and the job still ends `completed`. Each step emits one
 * `media.changed` for its changed ids; `operation.progress` is throttled to one event per
 * {@link PROGRESS_BATCH_MS} per job (trailing events included) and the final state is always sent.
 */
export function createBulkRunner(options: BulkRunnerOptions): BulkRunner {
  const { store, emit, batchSize, itemDelayMs } = options;
  const jobs = new Map<string, Job>();

  const stopTimers = (job: Job) => {
    if (job.stepTimer !== null) clearTimeout(job.stepTimer);
    if (job.throttleTimer !== null) clearTimeout(job.throttleTimer);
    job.stepTimer = null;
    job.throttleTimer = null;
  };

  const sendProgress = (job: Job) => {
    job.lastEmitMs = Date.now();
    emit({ type: 'operation.progress', operation: copyOperation(job.state) });
  };

  const reportProgress = (job: Job, final: boolean) => {
    if (final) {
      stopTimers(job);
      sendProgress(job);
      return;
    }
    // Wall time, not the injected clock: a frozen test clock must not stop the throttle.
    const waitMs = job.lastEmitMs + PROGRESS_BATCH_MS - Date.now();
    if (waitMs <= 0) sendProgress(job);
    else if (job.throttleTimer === null) {
      job.throttleTimer = setTimeout(() => {
        job.throttleTimer = null;
        sendProgress(job);
      }, waitMs);
    }
  };

  const runStep = (job: Job) => {
    job.stepTimer = null;
    const { state } = job;
    const action = ACTION_BY_TYPE[state.type];
    state.status = 'processing';
    const changed: string[] = [];
    const end = Math.min(state.processed + batchSize, job.ids.length);
    for (let index = state.processed; index < end; index++) {
      const mediaId = job.ids[index]!;
      try {
        applyLifecycleChange(store, mediaId, action, { operationId: state.id });
        state.succeeded.push(mediaId);
        changed.push(mediaId);
      } catch (error) {
        const mediaError = toMediaError(error);
        state.failed.push({ mediaId, code: mediaError.code, message: mediaError.message });
      }
    }
    state.processed = end;
    state.percentage = Math.floor((state.processed / state.total) * 100);
    if (changed.length > 0) emit({ type: 'media.changed', ids: changed, change: CHANGE_BY_ACTION[action] });
    const done = state.processed >= state.total;
    if (done) {
      state.status = 'completed';
      state.finishedAt = store.now();
    } else {
      schedule(job);
    }
    reportProgress(job, done);
  };

  const schedule = (job: Job) => {
    job.stepTimer = setTimeout(() => runStep(job), batchSize * itemDelayMs);
  };

  return {
    start(type, ids) {
      if (typeof type !== 'string' || !Object.hasOwn(ACTION_BY_TYPE, type)) {
        throw invalid('type', `type must be one of ${Object.keys(ACTION_BY_TYPE).join(', ')}`);
      }
      const unique = validateIds(ids);
      const state: BulkOperation = {
        id: store.newId('operation', (id) => jobs.has(id)),
        type: type as BulkOperationType,
        status: 'queued',
        total: unique.length,
        processed: 0,
        percentage: 0,
        succeeded: [],
        failed: [],
        createdAt: store.now(),
        finishedAt: null,
      };
      const job: Job = { state, ids: unique, stepTimer: null, throttleTimer: null, lastEmitMs: -Infinity };
      jobs.set(state.id, job);
      schedule(job);
      return copyOperation(state);
    },
    get(id) {
      const job = jobs.get(id);
      if (!job) throw new MediaError('NOT_FOUND', `Operation ${id} not found`, { details: { id } });
      return copyOperation(job.state);
    },
    clear() {
      for (const job of jobs.values()) stopTimers(job);
      jobs.clear();
    },
    dispose() {
      for (const job of jobs.values()) {
        stopTimers(job);
        if (job.state.status === 'queued' || job.state.status === 'processing') {
          job.state.status = 'cancelled';
          job.state.finishedAt = store.now();
        }
      }
    },
  };
}
