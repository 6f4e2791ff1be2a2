// COPY text written as bytes, straight into a growing buffer. The ingest's lines are made of a few
// pieces that repeat from record to record (a series' key and URI, an hour's times, a
// subscription's mapping), so each piece is encoded to UTF-8 once and copied, and only the
// quantities are written per record. Building each line as a JS string instead, then joining a
// slice's lines and converting the result to bytes for the socket, measured ~70 ms per 50,000
// records against ~15 ms this way, and left the garbage collector a line string per record.
// Pure module.

/** A piece of COPY text encoded once (UTF-8). */
export type CopyPiece = Buffer;

export const copyPiece = (text: string): CopyPiece => Buffer.from(text, "utf8");

/** Pieces at most this long are copied byte by byte (cheaper than a native call). */
const SHORT_PIECE = 48;

export class CopyLineWriter {
  private buffer: Buffer;
  /** Bytes written to the current buffer. */
  length = 0;

  constructor(private readonly capacity = 1 << 21) {
    this.buffer = Buffer.allocUnsafe(capacity);
  }

  private reserve(bytes: number): void {
    if (this.length + bytes <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + bytes));
    this.buffer.copy(grown, 0, 0, this.length);
    this.buffer = grown;
  }

  piece(piece: CopyPiece): void {
    this.reserve(piece.length);
    if (piece.length > SHORT_PIECE) {
      piece.copy(this.buffer, this.length);
    } else {
      const buffer = this.buffer;
      for (let i = 0, at = this.length; i < piece.length; i++, at++) buffer[at] = piece[i];
    }
    this.length += piece.length;
  }

  /** Text known to be ASCII with nothing to escape (a validated quantity): one byte per character. */
  ascii(text: string): void {
    this.reserve(text.length);
    const buffer = this.buffer;
    for (let i = 0, at = this.length; i < text.length; i++, at++) buffer[at] = text.charCodeAt(i);
    this.length += text.length;
  }

  /**
   * Hands over what was written (a view, not a copy) and starts a new buffer: the caller may keep
   * the bytes (a stream still sending them, a slow path that re-reads them).
   */
  take(): Buffer {
    const written = this.buffer.subarray(0, this.length);
    this.buffer = Buffer.allocUnsafe(Math.max(this.capacity, this.length));
    this.length = 0;
    return written;
  }
}
