/**
 * What a storage driver accepts as an object's content: a web stream, any async iterable of bytes
 * (a Node `Readable` is one) or the bytes themselves.
 */
export type StorageBody = ReadableStream<Uint8Array> | AsyncIterable<Uint8Array> | Uint8Array;

/** Options of {@link StorageDriver.put}. */
export interface StoragePutOptions {
  /** MIME type stored with the object where the backend keeps one (S3). */
  contentType: string;
  /** Largest accepted size in bytes; a bigger body rejects `FILE_TOO_LARGE` and nothing is kept. */
  maxSize?: number;
  /** Cancels the write; the put rejects `ABORTED` and nothing is kept. */
  signal?: AbortSignal;
}

/** What {@link StorageDriver.put} measured while writing. */
export interface StoragePutResult {
  /** Bytes written. */
  size: number;
  /** SHA-256 of the content, lowercase hex. */
  sha256: string;
}

/**
 * A byte range, both ends inclusive as in an HTTP `Range` header. Without `end` it runs to the
 * last byte; an `end` past the last byte is clamped to it.
 */
export interface ByteRange {
  start: number;
  end?: number;
}

/** A range as actually served: both ends known and inclusive. */
export interface ResolvedByteRange {
  start: number;
  end: number;
}

/** Options of {@link StorageDriver.get}. */
export interface StorageGetOptions {
  /** Serve only these bytes. */
  range?: ByteRange;
}

/** An object being read. */
export interface StorageGetResult {
  /** The requested bytes. Cancel it when not reading to the end, so the file or socket is released. */
  body: ReadableStream<Uint8Array>;
  /** Size of the whole object in bytes. */
  size: number;
  /** Bytes `body` will deliver. */
  contentLength: number;
  /** The range served, present when one was requested. */
  range?: ResolvedByteRange;
}

/** Options of {@link StorageDriver.signedUrl}. */
export interface SignedUrlOptions {
  /** Lifetime of the URL, 1 second to 7 days. */
  expiresInSeconds: number;
  /** Name the browser offers when saving; goes into `Content-Disposition`. */
  fileName?: string;
  /** `Content-Type` the response should carry. */
  contentType?: string;
  /** Whether the browser shows the file or downloads it; `attachment` when only `fileName` is given. */
  disposition?: 'inline' | 'attachment';
}

/**
 * Object storage as the media service uses it: whole objects written once under a fresh key,
 * read (optionally by range), checked and deleted. Every method rejects with a `MediaError`:
 * `VALIDATION_ERROR` for a malformed key or argument, `NOT_FOUND`, `RANGE_NOT_SATISFIABLE`
 * (`details.size` is the object size, for the `Content-Range` of a 416 reply), `FILE_TOO_LARGE`
 * (`details.maxSize`), `ABORTED`, and `STORAGE_ERROR` (with the backend's error as `cause`) for
 * anything else.
 *
 * Keys are `/`-separated, at most 1,024 UTF-8 bytes (255 per segment), with no empty, `.` or
 * `..` segment, no leading `/`, no backslash and no control character (see
 * `assertValidStorageKey`).
 */
export interface StorageDriver {
  /** Short name of the backend, for logs and diagnostics (`local`, `memory`, `s3`). */
  readonly name: string;

  /**
   * Streams `body` into the object `key`, hashing and counting it on the way, in memory that
   * does not grow with the body's size. The object appears only complete: until the promise
   * resolves, readers see the previous content (or no object). When the put fails, whether by
   * `maxSize`, the signal, an error of the body or of the backend, nothing of the new content is
   * kept and a previous object under `key` is left as it was.
   *
   * A chunk that is not a `Uint8Array` rejects `VALIDATION_ERROR`. A body that fails with a
   * `MediaError` (e.g. a content sniffer upstream) rejects with that error, an `AbortError`
   * becomes `ABORTED`, any other body or backend failure `STORAGE_ERROR`.
   */
  put(key: string, body: StorageBody, options: StoragePutOptions): Promise<StoragePutResult>;

  /**
   * Opens the object `key` for reading. A missing object rejects `NOT_FOUND`; a range whose start
   * is past the last byte (or any range of an empty object) rejects `RANGE_NOT_SATISFIABLE`.
   * Negative or fractional positions and an `end` before `start` reject `VALIDATION_ERROR`: an
   * HTTP layer ignores such a `Range` header rather than passing it on.
   */
  get(key: string, options?: StorageGetOptions): Promise<StorageGetResult>;

  /** Deletes these objects. Keys that do not exist are ignored, so it is safe to repeat. */
  deleteMany(keys: string[]): Promise<void>;

  /** Whether a complete object exists under `key`. */
  exists(key: string): Promise<boolean>;

  /**
   * A URL that lets anyone holding it `GET` the object until it expires, so downloads can skip
   * the application server. Only backends that can sign URLs (S3) have it.
   */
  signedUrl?(key: string, options: SignedUrlOptions): Promise<string>;
}
