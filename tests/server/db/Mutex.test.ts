import { describe, expect, it } from 'vitest';
import { Mutex, MutexTimeoutError } from '../../../src/server/db';

describe('Mutex', () => {
  it('grants the lock in arrival order', async () => {
    const mutex = new Mutex();
    const order: number[] = [];
    await mutex.lock();
    const waiters = [1, 2, 3].map((n) =>
      mutex.lock().then(() => {
        order.push(n);
        mutex.unlock();
      }),
    );
    expect(mutex.waiting).toBe(3);
    mutex.unlock();
    await Promise.all(waiters);
    expect(order).toEqual([1, 2, 3]);
    expect(mutex.locked).toBe(false);
  });

  it('hands the lock to a waiter before a newcomer can take it', async () => {
    const mutex = new Mutex();
    await mutex.lock();
    const order: string[] = [];
    const queued = mutex.lock().then(() => order.push('queued'));
    mutex.unlock();
    // The lock is already promised to the queued caller, so this one must wait.
    const newcomer = mutex.lock().then(() => order.push('newcomer'));
    await queued;
    mutex.unlock();
    await newcomer;
    mutex.unlock();
    expect(order).toEqual(['queued', 'newcomer']);
  });

  it('times out a waiter and forgets it', async () => {
    const mutex = new Mutex();
    await mutex.lock();
    await expect(mutex.lock(20)).rejects.toBeInstanceOf(MutexTimeoutError);
    expect(mutex.waiting).toBe(0);
    mutex.unlock();
    expect(mutex.locked).toBe(false);
  });

  it('refuses to unlock what is not locked', () => {
    expect(() => new Mutex().unlock()).toThrow(/not locked/);
  });
});
