import { MediaError } from 'mediashelf/core';

/** An upload request taken apart: the streamed body plus what its headers declare. */
export interface UploadRequest {
  /** The request body, counted on its way through (never buffered). */
  body: ReadableStream<Uint8Array>;
  /** `X-File-Name`, URI-decoded; `untitled` when absent. The service sanitises it. */
  fileName: string;
  /** `Content-Type`, or null when absent (the service then goes by the name and magic bytes). */
  contentType: string | null;
  /** `Content-Length`, when declared. */
  size?: number;
}

function fileTooLarge(maxBytes: number): MediaError {
  return new MediaError('FILE_TOO_LARGE', `The file is larger than the limit of ${maxBytes} bytes`, {
    details: { maxSize: maxBytes },
  });
}

function decodeFileName(header: string | null): string {
  if (header === null) return 'untitled';
  try {
    return decodeURIComponent(header);
  } catch {
    throw new MediaError('VALIDATION_ERROR', 'X-File-Name must be URI-encoded (encodeURIComponent)', {
      details: { field: 'X-File-Name' },
    });
  }
}

function declaredLength(header: string | null): number | undefined {
  if (header === null) return undefined;
  if (!/^[0-9]{1,16}$/.test(header.trim())) {
    throw new MediaError('VALIDATION_ERROR', 'Content-Length must be a whole number', {
      details: { field: 'Content-Length' },
    });
  }
  return Number(header.trim());
}

/**
 * Counts the bytes flowing through and fails the stream as soon as they exceed the declared
 * length (the client lied, 400) or the size limit (413), or when the body ends short of its
 * declared length. The storage write then fails with that error and keeps nothing.
 */
function countingStream(declared: number | undefined, maxBytes: number | undefined) {
  let count = 0;
  return new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      count += chunk.byteLength;
      if (declared !== undefined && count > declared) {
        controller.error(
          new MediaError('VALIDATION_ERROR', 'The body is larger than its Content-Length', {
            details: { field: 'Content-Length', declared },
          }),
        );
        return;
      }
      if (maxBytes !== undefined && count > maxBytes) {
        controller.error(fileTooLarge(maxBytes));
        return;
      }
      controller.enqueue(chunk);
    },
    flush(controller) {
      if (declared !== undefined && count < declared) {
        controller.error(
          new MediaError('VALIDATION_ERROR', 'The body is shorter than its Content-Length', {
            details: { field: 'Content-Length', declared, received: count },
          }),
        );
      }
    },
  });
}

/**
 * Reads the headers of a raw upload (`POST /files`, `PUT /files/:id/content`) and wraps its body
 * for streaming: a `Content-Length` over `maxBytes` is refused before a byte is read, and the
 * body is checked against both while it streams. Chunked bodies (no `Content-Length`) are fine.
 */
export function readUploadRequest(request: Request, maxBytes?: number): UploadRequest {
  const size = declaredLength(request.headers.get('content-length'));
  if (maxBytes !== undefined && size !== undefined && size > maxBytes) throw fileTooLarge(maxBytes);
  const fileName = decodeFileName(request.headers.get('x-file-name'));
  const source =
    request.body ?? new ReadableStream<Uint8Array>({ start: (controller) => controller.close() });
  const upload: UploadRequest = {
    body: source.pipeThrough(countingStream(size, maxBytes)),
    fileName,
    contentType: request.headers.get('content-type'),
  };
  if (size !== undefined) upload.size = size;
  return upload;
}
