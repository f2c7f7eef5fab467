import { gapRecorder } from './gapRecorder';

/**
 * Measures main-thread blocking with a chain of zero-delay timers (see gapRecorder). In a
 * browser a PerformanceObserver 'longtask' gives the same figure; jsdom has none.
 */
export function measureEventLoop() {
  const recorder = gapRecorder((tick) => setTimeout(tick, 0));
  return {
    stop() {
      const sorted = recorder.stop();
      return {
        samples: sorted.length,
        longestMs: sorted.at(-1) ?? 0,
        p99Ms: sorted[Math.floor(sorted.length * 0.99)] ?? 0,
        over50ms: sorted.filter((gap) => gap > 50).length,
      };
    },
  };
}
