/** Options of {@link formatFileSize}. */
export interface FormatFileSizeOptions {
  /** BCP 47 locale; defaults to the runtime's. */
  locale?: string | string[];
  /** `decimal` (kB = 1000 B, the default) or `binary` (KiB = 1024 B, shown with kB/MB unit names). */
  base?: 'decimal' | 'binary';
  /** Fraction digits for units above bytes; default 1. */
  maximumFractionDigits?: number;
}

const UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte', 'petabyte'] as const;

/** Formats a byte count with Intl, e.g. `12 bytes`, `1.5 MB` or `1,5 Mo` depending on the locale. */
export function formatFileSize(bytes: number, options: FormatFileSizeOptions = {}): string {
  const step = options.base === 'binary' ? 1024 : 1000;
  let value = Number.isFinite(bytes) && bytes > 0 ? bytes : 0;
  let unit = 0;
  while (value >= step && unit < UNITS.length - 1) {
    value /= step;
    unit++;
  }
  return new Intl.NumberFormat(options.locale, {
    style: 'unit',
    unit: UNITS[unit],
    // Intl's short form of 'byte' reads "999 byte"; the long form ("999 bytes") reads naturally.
    unitDisplay: unit === 0 ? 'long' : 'short',
    maximumFractionDigits: unit === 0 ? 0 : (options.maximumFractionDigits ?? 1),
  }).format(value);
}

/** Formats an ISO date with `Intl.DateTimeFormat` (medium date, short time by default). */
export function formatDate(
  iso: string | Date,
  locale?: string | string[],
  options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' },
): string {
  const date = typeof iso === 'string' ? new Date(iso) : iso;
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(locale, options).format(date);
}

const RELATIVE_STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 7],
  ['week', 4.345],
  ['month', 12],
  ['year', Number.POSITIVE_INFINITY],
];

/** Formats a date relative to `now` with `Intl.RelativeTimeFormat`, e.g. `3 days ago`. */
export function formatRelativeTime(
  iso: string | Date,
  now: Date = new Date(),
  locale?: string | string[],
): string {
  const date = typeof iso === 'string' ? new Date(iso) : iso;
  if (Number.isNaN(date.getTime())) return '';
  let value = (date.getTime() - now.getTime()) / 1000;
  for (const [unit, size] of RELATIVE_STEPS) {
    if (Math.abs(value) < size) {
      return new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(Math.round(value), unit);
    }
    value /= size;
  }
  return '';
}
