// A batch's records encoded into COPY lines (bytes, copy-line-writer.ts) slice by slice, as the
// database consumes them. Streaming (the fresh path) keeps nothing once a slice is handed over.
// `retain` keeps every slice and where each line starts, for the slow path, which must leave out
// records a later one superseded. Pure module.
import { CopyLineWriter, copyPiece } from "./copy-line-writer";
import type { UsageRowEncoder } from "./create-usage-row-encoder";
import type { UsageRecordList } from "./usage-record-list";

/** Records in the first slice. */
const FIRST_SLICE = 500;

/** Average bytes of a line: a slice's buffer is sized so it rarely grows. */
const LINE_BYTES = 450;

export class EncodedBatch {
  private next = 0;
  /** All records are encoded (the list ended within the last slice). */
  private done = false;
  private readonly writer: CopyLineWriter;
  /** Retained slices, and for each line its record index and start (slice number, byte offset). */
  private readonly slices: Buffer[] = [];
  private readonly lineIndexes: number[] = [];
  private readonly lineSlices: number[] = [];
  private readonly lineStarts: number[] = [];
  /** Milliseconds spent encoding. */
  spentMs = 0;

  constructor(
    private readonly records: UsageRecordList,
    private readonly encoder: UsageRowEncoder,
    private readonly retain: boolean,
    private readonly sliceSize = 5_000,
  ) {
    this.writer = new CopyLineWriter(sliceSize * LINE_BYTES);
  }

  /** Where the next slice ends (exclusive). A short first slice: the database starts on it while the rest is read and encoded. */
  private sliceEnd(): number {
    return this.next + (this.next === 0 ? Math.min(this.sliceSize, FIRST_SLICE) : this.sliceSize);
  }

  /** Encodes the next slice of records, each accepted line preceded by `prefix`; answers its bytes. */
  private encodeSlice(prefix: Buffer): Buffer {
    const started = performance.now();
    const { writer } = this;
    const to = this.sliceEnd();
    let index = this.next;
    for (; index < to && this.records.has(index); index++) {
      const start = writer.length;
      writer.piece(prefix);
      if (!this.encoder.encodeInto(this.records.at(index), index, writer)) {
        writer.length = start;
      } else if (this.retain) {
        this.lineIndexes.push(index);
        this.lineSlices.push(this.slices.length);
        this.lineStarts.push(start);
      }
    }
    this.next = index;
    this.done = index < to;
    const bytes = writer.take();
    if (this.retain) this.slices.push(bytes);
    this.spentMs += performance.now() - started;
    return bytes;
  }

  /**
   * Encodes the records not encoded yet, one slice per chunk, each line preceded by `prefix`
   * (leading COPY fields), yielding to the event loop after each slice so PostgreSQL (another
   * process) parses one chunk while the next is encoded. `onEncoded` runs once the last record is
   * encoded, before its chunk is handed over.
   */
  async *chunks(prefix: string, onEncoded?: () => void): AsyncGenerator<Buffer> {
    const prefixBytes = copyPiece(prefix);
    while (!this.done) {
      // A body still being decompressed: wait for the slice's records.
      await this.records.ready(this.sliceEnd() - 1);
      const bytes = this.encodeSlice(prefixBytes);
      // Everything is encoded: the caller may prepare what follows the COPY while the server finishes it.
      if (this.done) onEncoded?.();
      if (bytes.length > 0) yield bytes;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  /** Encodes everything, each line preceded by `prefix` (`retain` batches, before `kept`). */
  async finish(prefix = ""): Promise<void> {
    await this.records.ready(Number.MAX_SAFE_INTEGER);
    const prefixBytes = copyPiece(prefix);
    while (!this.done) this.encodeSlice(prefixBytes);
  }

  /** All lines but those of the `superseded` record indexes: views of the retained slices. */
  *kept(superseded: readonly number[]): Generator<Buffer> {
    const skip = new Set(superseded);
    const lines = this.lineIndexes.length;
    // A run of kept lines is yielded whole; it ends at a skipped line or at the end of a slice.
    let runSlice = -1;
    let runStart = 0;
    const endOf = (line: number) =>
      line + 1 < lines && this.lineSlices[line + 1] === this.lineSlices[line] ? this.lineStarts[line + 1] : this.slices[this.lineSlices[line]].length;
    let runEnd = 0;
    for (let line = 0; line < lines; line++) {
      const slice = this.lineSlices[line];
      if (skip.has(this.lineIndexes[line])) {
        if (runSlice >= 0) yield this.slices[runSlice].subarray(runStart, runEnd);
        runSlice = -1;
        continue;
      }
      if (runSlice !== slice) {
        if (runSlice >= 0) yield this.slices[runSlice].subarray(runStart, runEnd);
        runSlice = slice;
        runStart = this.lineStarts[line];
      }
      runEnd = endOf(line);
    }
    if (runSlice >= 0) yield this.slices[runSlice].subarray(runStart, runEnd);
  }
}
