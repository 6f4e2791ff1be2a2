// Worker thread entry (see ./start-price-csv-encoder.ts): runs encodePriceCsv over the upload's bytes as
// the main thread posts them, and posts back the COPY text as UTF-8 bytes (their buffer
// transferred, not copied), and at the end the summary with the file's vocabulary. Both directions are bounded: the main thread sends an input chunk only
// after the worker took the previous ones off its queue, and the worker waits while
// MAX_OUTPUT_IN_FLIGHT chunks are not yet copied, so memory stays at a few chunks. A worker that
// finished a file may get another: "start" begins a new one from a clean state.
import { parentPort } from "node:worker_threads";
import { encodePriceCsv, type EncodeTimings, type FromEncoderWorker, type ToEncoderWorker } from "./encode-price-csv";

/**
 * Encoded chunks (a batch of rows each, ~1.8 MB) posted but not yet copied by the main thread:
 * enough for the next PGlite COPY statement (4 MB) to be ready when the current one ends.
 */
const MAX_OUTPUT_IN_FLIGHT = 4;

const port = parentPort;
if (port) {
  const post = (message: FromEncoderWorker, transfer?: ArrayBuffer[]) => port.postMessage(message, transfer);
  // Input chunks received but not yet read, and the reader waiting for the next one.
  const queue: (Uint8Array | string)[] = [];
  let ended = false;
  let wakeReader: (() => void) | null = null;
  let outputInFlight = 0;
  let wakeWriter: (() => void) | null = null;

  async function* input(): AsyncGenerator<Uint8Array | string> {
    for (;;) {
      const chunk = queue.shift();
      if (chunk !== undefined) {
        post({ type: "taken", bytes: chunk.length });
        yield chunk;
      } else if (ended) return;
      else await new Promise<void>((resolve) => (wakeReader = resolve));
    }
  }

  async function run(start: Extract<ToEncoderWorker, { type: "start" }>): Promise<void> {
    const timings: EncodeTimings = { parse: 0, validate: 0, encode: 0 };
    const { defaultStart, azureStackMeters, market, currency } = start;
    const encoder = encodePriceCsv(input(), {
      defaultStart,
      azureStackMeters,
      market,
      currency,
      timings,
      onProgress: (progress) => post({ type: "progress", ...progress }),
    });
    const utf8 = new TextEncoder();
    for (;;) {
      const next = await encoder.next();
      if (next.done) {
        post({ type: "done", summary: next.value, timings });
        return;
      }
      const started = performance.now();
      const bytes = utf8.encode(next.value);
      timings.encode += performance.now() - started;
      outputInFlight++;
      post({ type: "output", bytes }, [bytes.buffer as ArrayBuffer]);
      while (outputInFlight >= MAX_OUTPUT_IN_FLIGHT) await new Promise<void>((resolve) => (wakeWriter = resolve));
    }
  }

  port.on("message", (message: ToEncoderWorker) => {
    switch (message.type) {
      case "start":
        // Input left over from the previous file (sent before its reading stopped) is dropped.
        queue.length = 0;
        ended = false;
        outputInFlight = 0;
        run(message).catch((error: unknown) => {
          const failure = error instanceof Error ? error : new Error(String(error));
          post({ type: "failed", message: failure.message, stack: failure.stack });
        });
        break;
      case "input":
        queue.push(message.chunk);
        break;
      case "end":
        ended = true;
        break;
      case "consumed":
        outputInFlight--;
        wakeWriter?.();
        wakeWriter = null;
        return;
    }
    wakeReader?.();
    wakeReader = null;
  });
  post({ type: "ready" });
}
