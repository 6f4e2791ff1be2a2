// A batch's records encoded into COPY lines slice by slice, as the database consumes them. Streaming
// (the fresh path) keeps nothing: 50,000 lines held until commit measured ~180 ms more Node CPU per
// batch (they outlive the young generation). `retain` keeps them, for the slow path, which must
// leave out records a later one superseded. Pure module.
import type { UsageRowEncoder } from "./prepare-usage-rows";
import type { UsageRecordList } from "./usage-record-list";

export class EncodedBatch {
  /** The lines encoded so far (accepted records, superseded ones included), with their record indexes. */
  private readonly lines: string[] = [];
  private readonly indexes: number[] = [];
  private next = 0;
  /** Milliseconds spent encoding. */
  spentMs = 0;

  constructor(
    private readonly records: UsageRecordList,
    private readonly encoder: UsageRowEncoder,
    private readonly retain: boolean,
    private readonly sliceSize = 5_000,
  ) {}

  private encodeSlice(): number {
    const started = performance.now();
    if (!this.retain) {
      this.lines.length = 0;
      this.indexes.length = 0;
    }
    const from = this.lines.length;
    const to = Math.min(this.records.length, this.next + this.sliceSize);
    for (let index = this.next; index < to; index++) {
      const line = this.encoder.encode(this.records.at(index), index);
      if (line !== null) {
        this.lines.push(line);
        this.indexes.push(index);
      }
    }
    this.next = to;
    this.spentMs += performance.now() - started;
    return from;
  }

  /**
   * Encodes the records not encoded yet, one slice per chunk, each line preceded by `prefix`
   * (leading COPY fields), yielding to the event loop after each slice so PostgreSQL (another
   * process) parses one chunk while the next is encoded.
   */
  async *chunks(prefix: string): AsyncGenerator<string> {
    while (this.next < this.records.length) {
      const from = this.encodeSlice();
      if (this.lines.length > from) yield prefix + this.lines.slice(from).join(prefix);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  /** Encodes everything (`retain` batches, before `kept`). */
  finish(): void {
    while (this.next < this.records.length) this.encodeSlice();
  }

  /** All lines but those of the `superseded` record indexes, in chunks of about `bytes` characters. */
  *kept(superseded: readonly number[], bytes = 1 << 20): Generator<string> {
    const skip = new Set(superseded);
    let chunk: string[] = [];
    let size = 0;
    for (let i = 0; i < this.lines.length; i++) {
      if (skip.has(this.indexes[i])) continue;
      chunk.push(this.lines[i]);
      size += this.lines[i].length;
      if (size >= bytes) {
        yield chunk.join("");
        chunk = [];
        size = 0;
      }
    }
    if (chunk.length > 0) yield chunk.join("");
  }
}
