import { contentDisposition } from 'mediashelf/server/storage';
import { describe, expect, it } from 'vitest';

describe('contentDisposition', () => {
  it('gives the bare disposition without a name', () => {
    expect(contentDisposition('inline')).toBe('inline');
    expect(contentDisposition('attachment', '  ')).toBe('attachment');
  });

  it('quotes a plain ASCII name', () => {
    expect(contentDisposition('attachment', 'lecture 1.mp4')).toBe('attachment; filename="lecture 1.mp4"');
  });

  it('adds an RFC 8187 filename* for names an ASCII fallback cannot carry', () => {
    expect(contentDisposition('inline', 'Résumé "final" (v2).pdf')).toBe(
      `inline; filename="R_sum_ _final_ (v2).pdf"; filename*=UTF-8''R%C3%A9sum%C3%A9%20%22final%22%20%28v2%29.pdf`,
    );
    expect(contentDisposition('attachment', 'a\\b.txt')).toBe(
      `attachment; filename="a_b.txt"; filename*=UTF-8''a%5Cb.txt`,
    );
  });

  it('drops control characters so the value cannot split a header', () => {
    const value = contentDisposition('attachment', 'evil\r\nSet-Cookie: x=1.txt');
    expect(value).not.toMatch(/[\r\n]/);
    expect(value).toBe('attachment; filename="evilSet-Cookie: x=1.txt"');
  });
});
