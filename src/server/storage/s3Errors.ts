interface S3LikeError {
  name?: string;
  Code?: string;
  $metadata?: { httpStatusCode?: number };
}

function describe(error: unknown): { name: string | undefined; status: number | undefined } {
  const candidate = (error ?? {}) as S3LikeError;
  return { name: candidate.name ?? candidate.Code, status: candidate.$metadata?.httpStatusCode };
}

/**
 * Whether an S3 error means the object does not exist. A `HEAD` reply has no body, so its 404
 * arrives as `NotFound`; a missing bucket (`NoSuchBucket`) is a configuration error, not this.
 */
export function isS3NotFound(error: unknown): boolean {
  const { name, status } = describe(error);
  return name === 'NoSuchKey' || name === 'NotFound' || (status === 404 && name !== 'NoSuchBucket');
}

/** Whether an S3 error is the 416 of a range that starts past the object's end. */
export function isS3InvalidRange(error: unknown): boolean {
  const { name, status } = describe(error);
  return name === 'InvalidRange' || status === 416;
}

/** Error name and HTTP status of an S3 error, for `MediaError.details`. */
export function s3ErrorDetails(error: unknown): { s3Code?: string; httpStatus?: number } {
  const { name, status } = describe(error);
  return {
    ...(name === undefined ? {} : { s3Code: name }),
    ...(status === undefined ? {} : { httpStatus: status }),
  };
}

/** Parses `bytes <start>-<end>/<size>`; `null` for anything else (`bytes * /<size>`, garbage). */
export function parseContentRange(
  value: string | undefined,
): { start: number; end: number; size: number } | null {
  const match = value === undefined ? null : /^bytes (\d+)-(\d+)\/(\d+)$/.exec(value.trim());
  if (!match) return null;
  return { start: Number(match[1]), end: Number(match[2]), size: Number(match[3]) };
}
