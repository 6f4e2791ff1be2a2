// Runs encodePriceCsv (CSV → validated rows → COPY text) in a worker thread, so that Node's CSV
// work overlaps the database's COPY: with PGlite, which is WebAssembly on the main thread, the two
// otherwise take turns on one core. The main thread only feeds the upload's bytes to the worker
// and hands the COPY text it gets back to the database. Falls back to the calling thread when a
// worker can't start (the results are the same, only slower). Not "server-only": the benchmark
// and tests load it.
import { Worker } from "node:worker_threads";
import { encodePriceCsv, type EncodedPriceCsv, type EncodePriceCsvOptions, type FromEncoderWorker, type ToEncoderWorker } from "./encode-price-csv";

/**
 * Bytes of input posted to the worker and not yet taken off its queue: the most the import holds
 * of the upload, whatever the file's size. The main thread feeds the worker only between PGlite's
 * COPY statements (each blocks it for ~0.2 s), and sees the worker's acknowledgements only then:
 * the worker needs input for more than one statement's rows to not starve meanwhile (measured
 * on 100k rows: with 4 MB the worker waited 1.1 s for input, with 12 MB 0.25 s, with 32 MB none).
 */
const MAX_INPUT_BYTES_IN_FLIGHT = 16 * 1024 * 1024;

export interface PriceCsvEncoder {
  /** Where the CSV work runs. */
  mode: "worker" | "thread";
  /** COPY text of the valid rows, a batch per chunk; returns the file's summary and vocabulary. */
  chunks: AsyncGenerator<string | Uint8Array, EncodedPriceCsv, void>;
  /** Stops the work (the worker, the reading of the source); the source is not read any further. */
  close(): Promise<void>;
}

export interface PriceCsvEncoderOptions extends EncodePriceCsvOptions {
  /** false: run in the calling thread (default: in a worker when one starts). */
  worker?: boolean;
}

export async function startPriceCsvEncoder(source: AsyncIterable<Uint8Array | string>, options: PriceCsvEncoderOptions): Promise<PriceCsvEncoder> {
  const worker = options.worker === false ? null : await startWorker();
  if (!worker) {
    const chunks = encodePriceCsv(source, options);
    return { mode: "thread", chunks, close: async () => void (await chunks.return(undefined as never)) };
  }
  return workerEncoder(worker, source, options);
}

// Built (Next), the literal `new Worker(new URL(…, import.meta.url))` is what the bundler
// recognises: the worker becomes a JavaScript chunk of its own.
function builtWorker(): Worker {
  return new Worker(new URL("./price-csv-worker.ts", import.meta.url));
}

// From source (tsx, vitest) that worker is TypeScript, which Node 20 can't load even with tsx's
// loader in the worker's execArgv (tsx issue #354): a small JavaScript worker registers tsx and
// then imports it. Bare "tsx/esm/api" resolves from the working directory: the project's. Tried
// second: the bundle keeps import.meta.url as the source file's (…/start-price-csv-encoder.ts), so that
// can't tell the two apart.
const FROM_SOURCE_BOOTSTRAP = `const { workerData } = require("node:worker_threads");
import("tsx/esm/api").then(({ register }) => { register(); return import(workerData.url); });`;
function sourceWorker(): Worker {
  const url = import.meta.url.replace(/start-price-csv-encoder\.ts$/, "price-csv-worker.ts");
  if (url === import.meta.url) throw new Error("Not running from source");
  return new Worker(FROM_SOURCE_BOOTSTRAP, { eval: true, workerData: { url } });
}

/**
 * A worker that finished its file waits this long for the next import before it ends: starting
 * one costs ~50 ms built and ~300 ms from source (tsx compiles its modules), which the next import
 * of a series (or the benchmark's second file) then doesn't pay. It doesn't keep the process alive.
 */
const IDLE_WORKER_MS = 60_000;
let idleWorker: { worker: Worker; timer: NodeJS.Timeout; onError: () => void } | null = null;

/** Keeps `worker` (its listeners of the finished file already removed) for the next import. */
function parkWorker(worker: Worker): void {
  if (idleWorker) {
    void worker.terminate();
    return;
  }
  worker.unref();
  // Ends it, unused, after a while or when it fails while idle (an 'error' without a listener would throw).
  const retire = () => {
    if (idleWorker?.worker !== worker) return;
    clearTimeout(idleWorker.timer);
    idleWorker = null;
    void worker.terminate();
  };
  const timer = setTimeout(retire, IDLE_WORKER_MS);
  timer.unref();
  worker.once("error", retire);
  idleWorker = { worker, timer, onError: retire };
}

/** The encoder worker once it has loaded (an idle one first), or null when it can't start here. */
async function startWorker(): Promise<Worker | null> {
  if (idleWorker) {
    const { worker, timer, onError } = idleWorker;
    idleWorker = null;
    clearTimeout(timer);
    worker.off("error", onError).ref();
    return worker;
  }
  for (const create of [builtWorker, sourceWorker]) {
    const worker = await loaded(create);
    if (worker) return worker;
  }
  return null;
}

/** The worker `create` makes once it has loaded, or null when it doesn't start. */
async function loaded(create: () => Worker): Promise<Worker | null> {
  let worker: Worker;
  try {
    worker = create();
  } catch {
    return null;
  }
  return new Promise((resolve) => {
    const settle = (started: Worker | null) => {
      worker.off("message", onMessage).off("error", onFailure).off("exit", onFailure);
      if (!started) void worker.terminate();
      resolve(started);
    };
    const onMessage = (message: FromEncoderWorker) => {
      if (message.type === "ready") settle(worker);
    };
    const onFailure = () => settle(null);
    worker.on("message", onMessage).once("error", onFailure).once("exit", onFailure);
  });
}

type WorkerEvent = FromEncoderWorker | { type: "error"; error: unknown };

function workerEncoder(worker: Worker, source: AsyncIterable<Uint8Array | string>, options: PriceCsvEncoderOptions): PriceCsvEncoder {
  const send = (message: ToEncoderWorker, transfer?: ArrayBuffer[]) => worker.postMessage(message, transfer);
  const events: WorkerEvent[] = [];
  let wakeConsumer: (() => void) | null = null;
  const push = (event: WorkerEvent) => {
    events.push(event);
    wakeConsumer?.();
    wakeConsumer = null;
  };
  let inputInFlight = 0;
  let wakePump: (() => void) | null = null;
  let stopped = false;
  // The worker read the file to its end and is free for another.
  let finished = false;
  const wake = () => {
    wakePump?.();
    wakePump = null;
  };

  const onMessage = (message: FromEncoderWorker) => {
    if (message.type === "taken") {
      inputInFlight -= message.bytes;
      wake();
    } else push(message);
  };
  const onError = (error: Error) => push({ type: "error", error });
  const onExit = () => {
    if (!stopped) push({ type: "error", error: new Error("The price list worker stopped before the end of the file.") });
  };
  worker.on("message", onMessage).on("error", onError).on("exit", onExit);

  // Feeds the source to the worker, a few chunks ahead of it (each copied into a buffer of its own
  // that is transferred: the source's may be views of a larger, shared one).
  const pump = async () => {
    send({
      type: "start",
      defaultStart: options.defaultStart,
      azureStackMeters: options.azureStackMeters ?? [],
      market: options.market,
      currency: options.currency,
    });
    for await (const chunk of source) {
      while (inputInFlight >= MAX_INPUT_BYTES_IN_FLIGHT && !stopped) await new Promise<void>((resolve) => (wakePump = resolve));
      if (stopped) return;
      inputInFlight += chunk.length;
      if (typeof chunk === "string") send({ type: "input", chunk });
      else {
        const copy = new Uint8Array(chunk);
        send({ type: "input", chunk: copy }, [copy.buffer]);
      }
    }
    if (!stopped) send({ type: "end" });
  };
  // A failing source (an upload cut off…) fails the import with its own error, as in the thread.
  void pump().catch((error: unknown) => push({ type: "error", error }));

  // Not waiting for the pump: it may be waiting for the source's next chunk (a slow upload); it
  // stops reading the source as soon as that comes.
  const close = async () => {
    if (stopped) return;
    stopped = true;
    wake();
    if (finished) {
      worker.off("message", onMessage).off("error", onError).off("exit", onExit);
      parkWorker(worker);
    } else await worker.terminate();
  };

  async function* chunks(): AsyncGenerator<Uint8Array, EncodedPriceCsv, void> {
    try {
      for (;;) {
        const event = events.shift();
        if (!event) {
          await new Promise<void>((resolve) => (wakeConsumer = resolve));
          continue;
        }
        switch (event.type) {
          case "output":
            yield event.bytes;
            send({ type: "consumed" });
            break;
          case "progress":
            options.onProgress?.({ rowsRead: event.rowsRead, bytesRead: event.bytesRead });
            break;
          case "done":
            finished = true;
            if (options.timings) {
              options.timings.parse += event.timings.parse;
              options.timings.validate += event.timings.validate;
              options.timings.encode += event.timings.encode;
            }
            return event.summary;
          case "failed":
            throw Object.assign(new Error(event.message), { stack: event.stack });
          case "error":
            throw event.error;
        }
      }
    } finally {
      await close();
    }
  }
  return { mode: "worker", chunks: chunks(), close };
}
