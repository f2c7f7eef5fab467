/**
 * Every error code of the adapter contract. `ABORTED` is an addition to the agreed list: an
 * upload or request cancelled through its `AbortSignal` rejects with it.
 */
export const MEDIA_ERROR_CODES = [
  'VALIDATION_ERROR',
  'NOT_FOUND',
  'MEDIA_IN_USE',
  'CONFLICT',
  'FILE_TOO_LARGE',
  'UNSUPPORTED_TYPE',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'METHOD_NOT_ALLOWED',
  'RANGE_NOT_SATISFIABLE',
  'STORAGE_ERROR',
  'RATE_LIMITED',
  'NETWORK_ERROR',
  'INTERNAL',
  'ABORTED',
] as const;

/** A code of {@link MEDIA_ERROR_CODES}. */
export type MediaErrorCode = (typeof MEDIA_ERROR_CODES)[number];

/** HTTP status that answers each code on the wire. */
export const HTTP_STATUS_BY_CODE: Readonly<Record<MediaErrorCode, number>> = {
  VALIDATION_ERROR: 400,
  ABORTED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  MEDIA_IN_USE: 409,
  CONFLICT: 409,
  FILE_TOO_LARGE: 413,
  UNSUPPORTED_TYPE: 415,
  RANGE_NOT_SATISFIABLE: 416,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  STORAGE_ERROR: 502,
  NETWORK_ERROR: 502,
};

/** Plain-object form of a {@link MediaError}, as carried by the wire envelope. */
export interface MediaErrorShape {
  code: MediaErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

/** Options of the {@link MediaError} constructor. */
export interface MediaErrorOptions {
  details?: Record<string, unknown>;
  cause?: unknown;
}

const knownCodes = new Set<string>(MEDIA_ERROR_CODES);

/** Whether a string is one of the contract's error codes. */
export function isMediaErrorCode(value: unknown): value is MediaErrorCode {
  return typeof value === 'string' && knownCodes.has(value);
}

/**
 * The only error adapters reject with. `details` carries what a UI needs to explain the error,
 * e.g. `details.usage` (a `MediaUsage[]`) for `MEDIA_IN_USE`.
 */
export class MediaError extends Error {
  override readonly name = 'MediaError';
  readonly code: MediaErrorCode;
  readonly details?: Record<string, unknown>;

  constructor(code: MediaErrorCode, message: string, options: MediaErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    if (options.details !== undefined) this.details = options.details;
  }

  /** HTTP status for this error's code. */
  get status(): number {
    return HTTP_STATUS_BY_CODE[this.code];
  }

  /** The error as the wire envelope carries it. */
  toJSON(): MediaErrorShape {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }

  /** Rebuilds an error received over the wire; an unknown code becomes `INTERNAL`. */
  static fromShape(shape: { code?: unknown; message?: unknown; details?: unknown }): MediaError {
    const code = isMediaErrorCode(shape.code) ? shape.code : 'INTERNAL';
    const message = typeof shape.message === 'string' ? shape.message : 'Unknown error';
    const details =
      shape.details && typeof shape.details === 'object'
        ? (shape.details as Record<string, unknown>)
        : undefined;
    return new MediaError(code, message, details ? { details } : {});
  }
}

/**
 * Type guard for {@link MediaError}. Also recognises errors from another copy of the package
 * (two bundles on one page) by their name and code.
 */
export function isMediaError(error: unknown, code?: MediaErrorCode): error is MediaError {
  const matches =
    error instanceof MediaError ||
    (error instanceof Error && error.name === 'MediaError' && isMediaErrorCode((error as MediaError).code));
  return matches && (code === undefined || (error as MediaError).code === code);
}

/**
 * Converts anything thrown into a {@link MediaError}: MediaErrors pass through, an abort becomes
 * `ABORTED`, anything else `INTERNAL` with the original as `cause`.
 */
export function toMediaError(error: unknown, fallbackMessage = 'Unexpected error'): MediaError {
  if (isMediaError(error)) return error;
  if (isAbortError(error)) return new MediaError('ABORTED', 'The operation was aborted', { cause: error });
  const message = error instanceof Error && error.message ? error.message : fallbackMessage;
  return new MediaError('INTERNAL', message, { cause: error });
}

/** Whether an error is a DOM-style abort (from `AbortSignal`). */
export function isAbortError(error: unknown): boolean {
  return (
    (error instanceof Error || (typeof error === 'object' && error !== null)) &&
    ((error as Error).name === 'AbortError' || (isMediaError(error) && error.code === 'ABORTED'))
  );
}

/** Rejects with `ABORTED` when the signal has already fired. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new MediaError('ABORTED', 'The operation was aborted', { cause: signal.reason });
}
