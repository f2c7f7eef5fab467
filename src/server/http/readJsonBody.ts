import { MediaError } from 'mediashelf/core';

/** Default limit of a JSON request body: 64 KiB. */
export const DEFAULT_MAX_JSON_BODY_BYTES = 64 * 1024;

function tooLarge(maxBytes: number): MediaError {
  return new MediaError('FILE_TOO_LARGE', `The request body is larger than ${maxBytes} bytes`, {
    details: { maxSize: maxBytes },
  });
}

function invalidBody(message: string): MediaError {
  return new MediaError('VALIDATION_ERROR', message, { details: { field: 'body' } });
}

async function readLimited(body: ReadableStream<Uint8Array>, maxBytes: number): Promise<Uint8Array> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.byteLength;
    if (length > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const joined = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    joined.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return joined;
}

/**
 * Reads a JSON request body of at most `maxBytes`: a bigger `Content-Length` is refused before
 * reading and a body that grows past the limit while streaming is cut off (413). The body must
 * be declared `application/json` (so that a cross-site form cannot send it) and hold valid
 * UTF-8 JSON (400 otherwise).
 */
export async function readJsonBody(
  request: Request,
  maxBytes = DEFAULT_MAX_JSON_BODY_BYTES,
): Promise<unknown> {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json' && !/^application\/[a-z0-9.+-]+\+json$/.test(type)) {
    throw new MediaError('UNSUPPORTED_TYPE', 'The request body must be application/json', {
      details: { field: 'Content-Type' },
    });
  }
  const declared = request.headers.get('content-length');
  if (declared !== null && /^[0-9]+$/.test(declared) && Number(declared) > maxBytes) throw tooLarge(maxBytes);
  if (!request.body) throw invalidBody('A JSON body is required');
  const bytes = await readLimited(request.body, maxBytes);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw invalidBody('The request body is not valid UTF-8');
  }
  if (text.trim() === '') throw invalidBody('A JSON body is required');
  try {
    return JSON.parse(text);
  } catch {
    throw invalidBody('The request body is not valid JSON');
  }
}
