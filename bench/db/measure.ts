// Timing helpers of the query benchmark.

export interface Timing {
  iterations: number;
  p50: number;
  p95: number;
  mean: number;
  min: number;
  max: number;
}

export interface MeasureOptions {
  /** Untimed runs first (plan cache, buffers). */
  warmup: number;
  /** Stop after this many timed runs... */
  maxIterations: number;
  /** ...or once this much time went by, but not before minIterations runs. */
  budgetMs: number;
  minIterations: number;
}

/** Nearest-rank percentile of sorted samples. */
export function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil(fraction * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

/** Runs `fn` sequentially and returns percentiles of its wall time in milliseconds. */
export async function measure(fn: () => Promise<unknown>, options: MeasureOptions): Promise<Timing> {
  for (let index = 0; index < options.warmup; index++) await fn();
  const samples: number[] = [];
  const started = performance.now();
  while (
    samples.length < options.maxIterations &&
    (samples.length < options.minIterations || performance.now() - started < options.budgetMs)
  ) {
    const begin = performance.now();
    await fn();
    samples.push(performance.now() - begin);
  }
  samples.sort((a, b) => a - b);
  return {
    iterations: samples.length,
    p50: percentile(samples, 0.5),
    p95: percentile(samples, 0.95),
    mean: samples.reduce((sum, value) => sum + value, 0) / samples.length,
    min: samples[0] as number,
    max: samples[samples.length - 1] as number,
  };
}

/** Milliseconds with a precision that suits their size. */
export function ms(value: number | undefined): string {
  if (value === undefined || Number.isNaN(value)) return '–';
  if (value < 10) return value.toFixed(2);
  if (value < 100) return value.toFixed(1);
  return value.toFixed(0);
}

export function formatDuration(milliseconds: number): string {
  return milliseconds < 60_000
    ? `${(milliseconds / 1000).toFixed(1)} s`
    : `${Math.floor(milliseconds / 60_000)} min ${((milliseconds % 60_000) / 1000).toFixed(0)} s`;
}
