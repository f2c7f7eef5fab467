import { formatDate, formatFileSize, formatRelativeTime } from 'mediashelf/core';
import { describe, expect, it } from 'vitest';

describe('formatters', () => {
  it('formats sizes with Intl in the given locale', () => {
    expect(formatFileSize(0, { locale: 'en' })).toBe('0 bytes');
    expect(formatFileSize(1, { locale: 'en' })).toBe('1 byte');
    expect(formatFileSize(999, { locale: 'en' })).toBe('999 bytes');
    expect(formatFileSize(1500, { locale: 'en' })).toBe('1.5 kB');
    expect(formatFileSize(2_500_000_000, { locale: 'en' })).toBe('2.5 GB');
    expect(formatFileSize(1536, { locale: 'en', base: 'binary' })).toBe('1.5 kB');
    expect(formatFileSize(1_500_000, { locale: 'de' })).toBe('1,5 MB');
    expect(formatFileSize(-3, { locale: 'en' })).toBe('0 bytes');
    expect(formatFileSize(1234, { locale: 'en', maximumFractionDigits: 2 })).toBe('1.23 kB');
  });

  it('formats dates with Intl and ignores invalid ones', () => {
    const iso = '2026-03-04T05:06:07.000Z';
    expect(formatDate(iso, 'en-GB', { dateStyle: 'long', timeZone: 'UTC' })).toBe('4 March 2026');
    expect(formatDate(new Date(iso), 'en-US', { dateStyle: 'short', timeZone: 'UTC' })).toBe('3/4/26');
    expect(formatDate('not a date', 'en')).toBe('');
  });

  it('formats relative times in the best unit', () => {
    const now = new Date('2026-03-10T12:00:00Z');
    expect(formatRelativeTime('2026-03-10T11:59:30Z', now, 'en')).toBe('30 seconds ago');
    expect(formatRelativeTime('2026-03-10T09:00:00Z', now, 'en')).toBe('3 hours ago');
    expect(formatRelativeTime('2026-03-09T12:00:00Z', now, 'en')).toBe('yesterday');
    expect(formatRelativeTime('2026-03-13T12:00:00Z', now, 'en')).toBe('in 3 days');
    expect(formatRelativeTime('2024-03-10T12:00:00Z', now, 'en')).toBe('2 years ago');
    expect(formatRelativeTime('garbage', now, 'en')).toBe('');
  });
});
