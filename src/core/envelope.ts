import { MediaError, type MediaErrorShape, toMediaError } from './MediaError';

/** Successful reply of the wire protocol and of server actions. */
export interface SuccessEnvelope<T> {
  success: true;
  data: T;
}

/** Failed reply of the wire protocol and of server actions. */
export interface ErrorEnvelope {
  success: false;
  error: MediaErrorShape;
}

/** Every reply of the HTTP protocol and every server action result has this shape. */
export type Envelope<T> = SuccessEnvelope<T> | ErrorEnvelope;

/** Wraps data in a success envelope. */
export function ok<T>(data: T): SuccessEnvelope<T> {
  return { success: true, data };
}

/** Wraps an error (anything thrown) in an error envelope. */
export function fail(error: unknown): ErrorEnvelope {
  return { success: false, error: toMediaError(error).toJSON() };
}

/**
 * Runs a function and answers its outcome as an envelope; it never throws. Server actions use it
 * so that errors cross the server boundary with their code intact.
 */
export async function toEnvelope<T>(run: () => T | Promise<T>): Promise<Envelope<T>> {
  try {
    return ok(await run());
  } catch (error) {
    return fail(error);
  }
}

/** Whether a value has the envelope's shape. */
export function isEnvelope(value: unknown): value is Envelope<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { success?: unknown; error?: unknown };
  if (candidate.success === true) return 'data' in candidate;
  return candidate.success === false && typeof candidate.error === 'object' && candidate.error !== null;
}

/**
 * Returns the data of a success envelope, or throws the {@link MediaError} of an error envelope.
 * A value that is not an envelope throws `INTERNAL` naming what arrived.
 */
export function unwrapEnvelope<T>(value: unknown): T {
  if (!isEnvelope(value)) {
    throw new MediaError(
      'INTERNAL',
      `Expected a {success, data | error} envelope, received ${describe(value)}`,
    );
  }
  if (value.success) return value.data as T;
  throw MediaError.fromShape(value.error);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return `an object with keys [${Object.keys(value).join(', ')}]`;
  return typeof value;
}
