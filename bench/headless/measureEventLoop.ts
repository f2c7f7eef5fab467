import { performance } from 'node:perf_hooks';

/**
 * Measures main-thread blocking the way a user feels it: a chain of zero-delay timers records
 * the gap between consecutive ticks; a gap is as long as the longest task that ran in between.
 * (In a browser a PerformanceObserver 'longtask' gives the same figure; jsdom has none.)
 */
export function measureEventLoop() {
  const gaps: number[] = [];
  let last = performance.now();
  let running = true;
  const tick = () => {
    const now = performance.now();
    gaps.push(now - last);
    last = now;
    if (running) setTimeout(tick, 0);
  };
  setTimeout(tick, 0);
  return {
    stop() {
      running = false;
      const sorted = [...gaps].sort((a, b) => a - b);
      return {
        samples: gaps.length,
        longestMs: sorted.at(-1) ?? 0,
        p99Ms: sorted[Math.floor(sorted.length * 0.99)] ?? 0,
        over50ms: gaps.filter((gap) => gap > 50).length,
      };
    },
  };
}
