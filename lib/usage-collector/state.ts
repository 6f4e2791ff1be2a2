// The collector's high-water mark: the reported time up to which every record has been pushed and
// acknowledged. Persisted as JSON, written to a temporary file and renamed over the old one, so a
// crash mid-write leaves either the old or the new state, never a torn file.
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";

export interface CollectorState {
  version: 1;
  stampUrl: string;
  providerSubscriptionId: string;
  /** ISO time on the hour: records reported before it are acknowledged by the portal. */
  highWaterMark: string;
  updatedAt: string;
}

export interface StateStore {
  load(): Promise<CollectorState | null>;
  save(state: CollectorState): Promise<void>;
}

export function fileStateStore(file: string): StateStore {
  return {
    async load() {
      let text: string;
      try {
        text = await readFile(file, "utf8");
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw error;
      }
      const state = JSON.parse(text) as CollectorState;
      if (state.version !== 1 || Number.isNaN(Date.parse(state.highWaterMark))) throw new Error(`${file}: not a collector state file`);
      return state;
    },
    async save(state) {
      await mkdir(path.dirname(path.resolve(file)), { recursive: true });
      const temporary = `${file}.${process.pid}.tmp`;
      await writeFile(temporary, `${JSON.stringify(state, null, 2)}\n`);
      await rename(temporary, file);
    },
  };
}

/** In-memory store (the demo seed and tests that don't care about the file). */
export function memoryStateStore(initial: CollectorState | null = null): StateStore & { current: CollectorState | null } {
  const store = {
    current: initial,
    load: async () => store.current,
    save: async (state: CollectorState) => {
      store.current = state;
    },
  };
  return store;
}
