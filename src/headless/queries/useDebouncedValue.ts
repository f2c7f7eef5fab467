import { useEffect, useState } from 'react';

/**
 * `value`, but only after it stopped changing for `delayMs`. With a delay of 0 it follows the
 * value immediately (no extra render).
 */
export function useDebouncedValue<T>(value: T, delayMs: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    if (delayMs <= 0) return;
    const timer = setTimeout(() => setDebounced(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return delayMs <= 0 ? value : debounced;
}
