import { gapRecorder } from '../gapRecorder';

/**
 * Main-thread blocking in the page, three ways: the browser's own long tasks (every task over
 * 50 ms, layout and paint included), a chain of timers like ../measureEventLoop.ts (comparable
 * with the jsdom bench; Chromium clamps nested timers to 4 ms, so the smallest gap is ~4 ms), and
 * animation-frame gaps (a frame longer than ~17 ms is a dropped frame the user sees).
 */
export function measureMainThread() {
  const longTasks: number[] = [];
  // Chromium reports a long task when it ends, so the task that started this monitor would count.
  const since = performance.now();
  const record = (entries: PerformanceEntryList) => {
    for (const entry of entries) if (entry.startTime >= since) longTasks.push(entry.duration);
  };
  const observer = new PerformanceObserver((list) => record(list.getEntries()));
  observer.observe({ entryTypes: ['longtask'] });
  const gaps = gapRecorder((tick) => setTimeout(tick, 0));
  const frames = gapRecorder((tick) => requestAnimationFrame(tick));
  return {
    stop() {
      // Long-task entries are delivered asynchronously; pick up those not yet delivered.
      record(observer.takeRecords());
      observer.disconnect();
      const timer = gaps.stop();
      return {
        longestLongTaskMs: Math.max(0, ...longTasks),
        longTasksOver50ms: longTasks.length,
        longestGapMs: timer.at(-1) ?? 0,
        p99GapMs: timer[Math.floor(timer.length * 0.99)] ?? 0,
        longestFrameMs: frames.stop().at(-1) ?? 0,
      };
    },
  };
}
