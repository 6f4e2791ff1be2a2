// A price list CSV turned into COPY text: reading, validation and encoding, the Node-side work of
// an import. Runs in the calling thread (here) or in a worker (./price-csv-worker.ts, started by
// ./start-price-csv-encoder.ts), which runs exactly this function. Not "server-only": the worker and the
// benchmark load it.
import { readPriceCsv, type PriceCsvSummary } from "./read-price-csv";
import { priceRowsCopyText } from "./copy-price-items";
import { PriceWordVocabulary } from "./price-words";
import type { AzureStackMeter } from "./azure-stack-meters";

/** Milliseconds spent on each part of the Node-side work. */
export interface EncodeTimings {
  /** CSV parsing, reading the source included. */
  parse: number;
  /** Row validation. */
  validate: number;
  /** Encoding rows as COPY text. */
  encode: number;
}

export interface EncodePriceCsvOptions {
  /** EffectiveStartDate for rows without one: the version's effective date (YYYY-MM-DD). */
  defaultStart: string;
  /** The Azure Stack commerce meters: rows of these meters without a region become "Azure Stack" rows. */
  azureStackMeters?: readonly AzureStackMeter[];
  /** Market and currency of a file without those columns. */
  market?: string;
  currency?: string;
  onProgress?: (progress: { rowsRead: number; bytesRead: number }) => void;
  timings?: EncodeTimings;
}

/** The file's summary, and the vocabulary its rows' word ids refer to (`words[id - 1]`). */
export interface EncodedPriceCsv extends PriceCsvSummary {
  words: string[];
}

/**
 * Yields the COPY text of the file's valid rows, one chunk per batch, while the file has had no
 * problem, and returns the summary (problems included) after reading the file to its end, with
 * the vocabulary of the rows yielded (one for the whole file: a word has one id in every batch).
 */
export async function* encodePriceCsv(
  source: AsyncIterable<Uint8Array | string>,
  options: EncodePriceCsvOptions,
): AsyncGenerator<string, EncodedPriceCsv, void> {
  const timings = options.timings;
  const reader = readPriceCsv(source, {
    defaultStart: options.defaultStart,
    azureStackMeters: options.azureStackMeters,
    market: options.market,
    currency: options.currency,
    onProgress: options.onProgress,
    timings,
  });
  const vocabulary = new PriceWordVocabulary();
  try {
    for (;;) {
      const next = await reader.next();
      if (next.done) return { ...next.value, words: vocabulary.words };
      if (next.value.length === 0) continue;
      const started = performance.now();
      const text = priceRowsCopyText(next.value, vocabulary);
      if (timings) timings.encode += performance.now() - started;
      yield text;
    }
  } finally {
    await reader.return(undefined as never);
  }
}

/** Messages from the main thread to the worker. */
export type ToEncoderWorker =
  | { type: "start"; defaultStart: string; azureStackMeters: readonly AzureStackMeter[]; market?: string; currency?: string }
  | { type: "input"; chunk: Uint8Array | string }
  | { type: "end" }
  /** The main thread has consumed (copied) one output chunk. */
  | { type: "consumed" };

/** Messages from the worker to the main thread. */
export type FromEncoderWorker =
  | { type: "ready" }
  /** The worker took an input chunk (`bytes` long: bytes or UTF-16 units) off its queue. */
  | { type: "taken"; bytes: number }
  | { type: "output"; bytes: Uint8Array }
  | { type: "progress"; rowsRead: number; bytesRead: number }
  | { type: "done"; summary: EncodedPriceCsv; timings: EncodeTimings }
  | { type: "failed"; message: string; stack?: string };
