/**
 * A first-come, first-served asynchronous lock. Ownership passes straight from the releasing
 * holder to the oldest waiter, so a newcomer can never overtake a queued caller.
 */
export class Mutex {
  #locked = false;
  readonly #waiters: Array<{ grant: () => void }> = [];

  /** Whether someone holds the lock. */
  get locked(): boolean {
    return this.#locked;
  }

  /** Number of callers queued behind the holder. */
  get waiting(): number {
    return this.#waiters.length;
  }

  /**
   * Waits for the lock. With `timeoutMs`, gives up after that long and rejects with a
   * {@link MutexTimeoutError}, leaving the queue as if the caller had never asked.
   */
  lock(timeoutMs?: number): Promise<void> {
    if (!this.#locked) {
      this.#locked = true;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const waiter = {
        grant: () => {
          if (timer !== undefined) clearTimeout(timer);
          resolve();
        },
      };
      this.#waiters.push(waiter);
      if (timeoutMs !== undefined && timeoutMs > 0) {
        timer = setTimeout(() => {
          const index = this.#waiters.indexOf(waiter);
          if (index >= 0) this.#waiters.splice(index, 1);
          reject(new MutexTimeoutError(timeoutMs));
        }, timeoutMs);
      }
    });
  }

  /** Releases the lock, handing it to the oldest waiter if there is one. */
  unlock(): void {
    if (!this.#locked) throw new Error('Mutex.unlock() called while the mutex is not locked');
    const next = this.#waiters.shift();
    if (next) next.grant();
    else this.#locked = false;
  }
}

/** Rejection of {@link Mutex.lock} when its timeout passes before the lock is granted. */
export class MutexTimeoutError extends Error {
  override readonly name = 'MutexTimeoutError';

  constructor(timeoutMs: number) {
    super(
      `Timed out after ${timeoutMs} ms waiting for the database connection. PGlite has a single ` +
        'connection: is a query using `db` inside a transaction that should use `trx`?',
    );
  }
}
