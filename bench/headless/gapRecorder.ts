/**
 * Records the gaps between consecutive ticks of a self-rescheduling callback (a timer chain, or
 * animation frames): a gap is as long as the longest task that ran in between, which is how a
 * user feels main-thread blocking. Works in Node and in the browser.
 */
export function gapRecorder(schedule: (tick: () => void) => void) {
  const gaps: number[] = [];
  let last = performance.now();
  let running = true;
  const tick = () => {
    const now = performance.now();
    gaps.push(now - last);
    last = now;
    if (running) schedule(tick);
  };
  schedule(tick);
  return {
    /** Stops recording; the gaps, sorted ascending. */
    stop() {
      running = false;
      return gaps.sort((a, b) => a - b);
    },
  };
}
