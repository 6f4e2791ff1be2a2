// A CSV download whose source fails after the header has gone out ends with a line saying the file
// is incomplete and then aborts: never a cut-short file that looks complete.
import { describe, expect, it, vi } from "vitest";
import { csvDownloadStream, INCOMPLETE_EXPORT_LINE } from "../lib/http/csv-download-stream";

async function* failingAfter(lines: string[]): AsyncGenerator<string> {
  for (const line of lines) yield line;
  throw new Error("connection to the database lost");
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<{ text: string; error: unknown }> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let text = "";
  for (;;) {
    try {
      const { done, value } = await reader.read();
      if (done) return { text, error: null };
      text += decoder.decode(value);
    } catch (error) {
      return { text, error };
    }
  }
}

describe("csvDownloadStream", () => {
  it("passes a whole file through unchanged", async () => {
    async function* lines() {
      yield "a,b\r\n";
      yield new TextEncoder().encode("1,2\r\n");
    }
    expect(await readAll(csvDownloadStream(lines(), "test"))).toEqual({ text: "a,b\r\n1,2\r\n", error: null });
  });

  it("marks a file whose source fails mid-way as incomplete, then errors the stream", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const { text, error } = await readAll(csvDownloadStream(failingAfter(["a,b\r\n", "1,2\r\n"]), "test"));
    expect(text).toBe(`a,b\r\n1,2\r\n\r\n${INCOMPLETE_EXPORT_LINE}\r\n`);
    expect(error).toBeInstanceOf(Error);
  });

  it("does the same for a web stream source (the recon COPY path)", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    let sent = false;
    const source = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent) controller.error(new Error("socket closed"));
        else controller.enqueue(new TextEncoder().encode("h\r\n"));
        sent = true;
      },
    });
    const { text, error } = await readAll(csvDownloadStream(source, "recon"));
    expect(text.endsWith(`${INCOMPLETE_EXPORT_LINE}\r\n`)).toBe(true);
    expect(error).toBeInstanceOf(Error);
  });
});
