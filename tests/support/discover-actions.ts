// Every server action of the app: each exported async function of every lib/**/actions.ts, keyed
// "<module path under lib>#<export name>". The audit-coverage and fuzz suites find them this way,
// so a new action is covered (or named as missing) without anyone listing it.
import { readdir } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";

export type ServerAction = (input: unknown) => Promise<unknown>;

export const ROOT = path.resolve(import.meta.dirname, "..", "..");
const LIB = path.join(ROOT, "lib");

export async function findFiles(dir: string, accept: (name: string) => boolean): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && accept(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

export const importFile = (file: string): Promise<Record<string, unknown>> => import(/* @vite-ignore */ pathToFileURL(file).href);

const isAsyncFunction = (value: unknown): value is ServerAction => typeof value === "function" && value.constructor.name === "AsyncFunction";

export async function discoverActions(): Promise<Map<string, ServerAction>> {
  const actions = new Map<string, ServerAction>();
  for (const file of await findFiles(LIB, (name) => name === "actions.ts")) {
    const modulePath = path.relative(LIB, file).replace(/\\/g, "/").replace(/\.ts$/, "");
    for (const [name, value] of Object.entries(await importFile(file))) {
      if (isAsyncFunction(value)) actions.set(`${modulePath}#${name}`, value);
    }
  }
  return actions;
}
