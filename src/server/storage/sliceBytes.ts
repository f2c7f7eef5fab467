/**
 * Yields bytes `start` to `start + length - 1` of a stream of chunks and stops reading the source
 * as soon as they are out, which releases it (an early `return` ends the source's iterator).
 */
export async function* sliceBytes(
  source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  start: number,
  length: number,
  options: { copy?: boolean } = {},
): AsyncGenerator<Uint8Array, void, undefined> {
  const end = start + length;
  let offset = 0;
  if (length <= 0) return;
  for await (const chunk of source) {
    const chunkEnd = offset + chunk.byteLength;
    if (chunkEnd > start) {
      const from = Math.max(0, start - offset);
      const to = Math.min(chunk.byteLength, end - offset);
      const part = from === 0 && to === chunk.byteLength && !options.copy ? chunk : chunk.subarray(from, to);
      // A copy keeps the consumer from changing the producer's buffers.
      yield options.copy ? part.slice() : part;
    }
    offset = chunkEnd;
    if (offset >= end) return;
  }
}
