// A streaming RFC 4180 CSV reader that knows each record's line. It replaces csv-parse on the
// import path because csv-parse costs ~20 µs a record of Partner Center's 22 columns — the whole
// budget of a 20k rows/s import — where this loop, which scans unquoted fields with a tight
// char-code loop and quoted ones with indexOf, costs ~5 µs. Same dialect as csv-parse's defaults
// (with bom and relax_column_count): "," separators, '"' quotes doubled inside quoted fields, \n,
// \r\n or \r line ends, a leading BOM dropped, a quote inside an unquoted field or text after a
// closing quote refused. Pure (no server-only): the benchmark drives it too.

/** Broken quoting: the reader cannot resynchronise, so reading stops at `line`. */
export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = "CsvSyntaxError";
  }
}

/** Records of one input chunk; `lines[i]` is the 1-based line on which `records[i]` starts. */
export interface CsvRecords {
  records: string[][];
  lines: number[];
}

/** A record (quoted newlines included) longer than this is refused rather than buffered: memory stays flat. */
export const MAX_RECORD_CHARS = 1024 * 1024;

const COMMA = 44;
const QUOTE = 34;
const LF = 10;
const CR = 13;

/** Line ends in `text[from, to)`, counting \r\n once. */
function countLineEnds(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === LF) count++;
    else if (c === CR && text.charCodeAt(i + 1) !== LF) count++;
  }
  return count;
}

interface ParseState {
  line: number;
}

/**
 * Parses the complete records of `text` into `out`. Returns where the first incomplete record
 * starts (text.length when none): the caller keeps that part for the next chunk. With `final`,
 * the end of the text ends the last record.
 */
function parseRecords(text: string, state: ParseState, out: CsvRecords, final: boolean): number {
  const n = text.length;
  let start = 0; // where the current record starts
  let i = 0;
  let line = state.line;
  let record: string[] = [];
  while (i <= n) {
    if (i === n) {
      // End of text at the start of a field: after a comma (an empty last field) or between records.
      if (!final) break;
      if (record.length > 0) {
        record.push("");
        out.records.push(record);
        out.lines.push(state.line);
      }
      start = n;
      break;
    }
    let value: string;
    let c = text.charCodeAt(i);
    let fieldLines = 0;
    if (c === QUOTE) {
      let j = i + 1;
      value = "";
      let closed = -1;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) break;
        if (text.charCodeAt(q + 1) === QUOTE) {
          value += text.slice(j, q + 1);
          j = q + 2;
          continue;
        }
        if (q + 1 === n && !final) break; // the quote may be the first of a "" pair split across chunks
        value += text.slice(j, q);
        closed = q;
        break;
      }
      if (closed < 0) {
        if (final) throw new CsvSyntaxError(`Quoted field not terminated (the quote opened on line ${line} never closes).`, line);
        break;
      }
      fieldLines = countLineEnds(text, i + 1, closed);
      i = closed + 1;
      c = text.charCodeAt(i);
      if (i < n && c !== COMMA && c !== LF && c !== CR) {
        throw new CsvSyntaxError(`Invalid closing quote on line ${line + fieldLines}: text follows the closing quote of a field.`, line + fieldLines);
      }
    } else {
      let j = i;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === COMMA || d === LF || d === CR) break;
        if (d === QUOTE)
          throw new CsvSyntaxError(`Invalid quote on line ${line}: a quote inside an unquoted field (quote the whole field and double the quote).`, line);
        j++;
      }
      value = text.slice(i, j);
      i = j;
      c = text.charCodeAt(i);
    }
    if (i === n) {
      if (!final) break; // the field may continue in the next chunk
      record.push(value);
      out.records.push(record);
      out.lines.push(state.line);
      line += fieldLines;
      start = n;
      break;
    }
    record.push(value);
    line += fieldLines;
    if (c === COMMA) {
      i++;
      continue;
    }
    // CR or LF: end of record. A CR at the very end may be the first half of a CRLF.
    if (c === CR) {
      if (i + 1 === n && !final) break;
      i += text.charCodeAt(i + 1) === LF ? 2 : 1;
    } else i++;
    out.records.push(record);
    out.lines.push(state.line);
    line++;
    state.line = line;
    record = [];
    start = i;
  }
  if (start < n && !final) {
    // Incomplete record: re-parsed with the next chunk, from its first line.
    line = state.line;
  }
  state.line = line;
  return start;
}

/** Parses `source` (bytes or text, UTF-8) into records, one batch per input chunk. */
export async function* readCsvRecords(source: AsyncIterable<Uint8Array | string>): AsyncGenerator<CsvRecords> {
  const decoder = new TextDecoder("utf-8");
  const state: ParseState = { line: 1 };
  let pending = "";
  let first = true;
  for await (const chunk of source) {
    let text = pending + (typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true }));
    if (first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    const out: CsvRecords = { records: [], lines: [] };
    const consumed = parseRecords(text, state, out, false);
    pending = text.slice(consumed);
    if (pending.length > MAX_RECORD_CHARS) {
      throw new CsvSyntaxError(`The record starting on line ${state.line} is longer than ${MAX_RECORD_CHARS} characters (an unclosed quote?).`, state.line);
    }
    if (out.records.length > 0) yield out;
  }
  const rest = pending + decoder.decode();
  if (rest.length > 0) {
    const text = first && rest.charCodeAt(0) === 0xfeff ? rest.slice(1) : rest;
    const out: CsvRecords = { records: [], lines: [] };
    parseRecords(text, state, out, true);
    if (out.records.length > 0) yield out;
  }
}
