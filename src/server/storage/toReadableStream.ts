/**
 * A pull-based web stream over an async iterable of bytes. It reads the source only as fast as
 * the consumer reads (so memory stays flat) and cancelling it ends the source, which closes the
 * file or socket behind it.
 */
export function toReadableStream(source: AsyncIterable<Uint8Array>): ReadableStream<Uint8Array> {
  const iterator = source[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const step = await iterator.next();
          if (step.done) controller.close();
          else controller.enqueue(step.value);
        } catch (error) {
          controller.error(error);
        }
      },
      async cancel(reason) {
        await iterator.return?.(reason);
      },
    },
    // Keep no read-ahead beyond the chunk being handed over.
    { highWaterMark: 0 },
  );
}
