// The body of a CSV download, pulled chunk by chunk (a slow client stops the reads). Between
// chunks it yields to the event loop: the embedded database (PGlite) answers queries on the main
// thread as chained promises, so without a macrotask boundary a fast client's export of a large
// month kept every other request (timers, sockets, /api/health) waiting until it ended. When the
// source fails after the header has gone out, the status can't change any more: the file then
// ends with a line saying it is incomplete, and the stream errors (the transfer aborts), so a
// cut-short file never passes for a complete one. No "server-only": benchmarks stream through it.

export const INCOMPLETE_EXPORT_LINE = "#EXPORT-INCOMPLETE: the export failed before its end; this file is cut short. Download it again.";

type Chunk = string | Uint8Array;

function iterate(source: AsyncIterable<Chunk> | ReadableStream<Uint8Array>): AsyncIterator<Chunk> {
  if (!(source instanceof ReadableStream)) return source[Symbol.asyncIterator]();
  const reader = source.getReader();
  return {
    next: async () => {
      const { done, value } = await reader.read();
      return done ? { done: true, value: undefined } : { done: false, value };
    },
    return: async () => {
      await reader.cancel();
      return { done: true, value: undefined };
    },
  };
}

export function csvDownloadStream(source: AsyncIterable<Chunk> | ReadableStream<Uint8Array>, what: string): ReadableStream<Uint8Array> {
  const iterator = iterate(source);
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          await new Promise<void>((resolve) => setImmediate(resolve));
          const next = await iterator.next();
          if (next.done) controller.close();
          else controller.enqueue(typeof next.value === "string" ? encoder.encode(next.value) : next.value);
        } catch (error) {
          console.error(`The ${what} export failed mid-stream`, error);
          controller.enqueue(encoder.encode(`\r\n${INCOMPLETE_EXPORT_LINE}\r\n`));
          controller.error(error);
        }
      },
      async cancel() {
        await iterator.return?.(undefined);
      },
    },
    { highWaterMark: 0 },
  );
}
