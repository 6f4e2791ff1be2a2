// `npm start`: everything a fresh clone needs to serve the portal in production mode.
//   1. env: load .env.local (real environment wins), create NEXTAUTH_SECRET on first run,
//      default NEXTAUTH_URL;
//   2. `tsx scripts/db.ts setup` (migrate + seed the demo if empty) in a child process that must
//      exit before the server starts: the embedded PGlite folder has a single process owner;
//   3. `next build` when .next has no build or the sources changed since the last one
//      (fingerprint of paths, sizes and mtimes, stored in .next/stackcenter-fingerprint);
//   4. scripts/server.ts (Next's request handler in a Node server that records each request's TCP
//      peer, see there) on HOST:PORT (default 127.0.0.1:3000), in production mode.
// `npm run dev` (--dev) skips step 3 and runs the server in development mode.
// --no-env-file skips .env.local entirely (the e2e server uses it so a developer's .env.local
// cannot point the tests at their own database).
import { spawn, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseEnv } from "node:util";

const ROOT = path.resolve(import.meta.dirname, "..");
const ENV_FILE = path.join(ROOT, ".env.local");
const BUILD_ID_FILE = path.join(ROOT, ".next", "BUILD_ID");
const FINGERPRINT_FILE = path.join(ROOT, ".next", "stackcenter-fingerprint");

/** Folders whose every file feeds the production build. */
const FINGERPRINT_DIRS = ["app", "components", "lib", "public", "generated", "types"];
/** Single files that feed the build; missing ones are simply absent from the fingerprint. */
const FINGERPRINT_FILES = [
  "prisma/schema.prisma",
  "next.config.js",
  "next.config.mjs",
  "next.config.ts",
  "proxy.ts",
  "middleware.ts",
  "instrumentation.ts",
  "package-lock.json",
  "postcss.config.mjs",
  "tsconfig.json",
];
const SKIPPED_DIR_NAMES = new Set(["node_modules", ".next", ".data", ".git"]);

const args = new Set(process.argv.slice(2));
const dev = args.has("--dev");
const useEnvFile = !args.has("--no-env-file");

// ---------------------------------------------------------------------------------------------
// Child processes and signals

let currentChild: ChildProcess | undefined;
let stopSignal: NodeJS.Signals | undefined;

function signalExitCode(signal: NodeJS.Signals): number {
  return 128 + (os.constants.signals[signal] ?? 1);
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopSignal) return;
    stopSignal = signal;
    if (currentChild && currentChild.exitCode === null && currentChild.signalCode === null) {
      console.log(`\n[start] ${signal}: stopping ${currentChild.spawnfile}…`);
      currentChild.kill(signal);
    } else {
      process.exit(signalExitCode(signal));
    }
  });
}

function bin(name: string): string {
  return path.join(ROOT, "node_modules", ".bin", process.platform === "win32" ? `${name}.cmd` : name);
}

/** Runs a command with inherited stdio; resolves with its exit code (128+n when killed by signal n). */
function run(command: string, commandArgs: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, commandArgs, {
      cwd: ROOT,
      env,
      stdio: "inherit",
      // .cmd shims cannot be spawned without a shell on Windows.
      shell: process.platform === "win32",
    });
    currentChild = child;
    child.on("error", (error) => {
      currentChild = undefined;
      reject(error);
    });
    child.on("exit", (code, signal) => {
      currentChild = undefined;
      resolve(code ?? (signal ? signalExitCode(signal) : 1));
    });
  });
}

function seconds(since: number): string {
  return `${((performance.now() - since) / 1000).toFixed(1)}s`;
}

/** Runs one step; exits the launcher if the step failed or a stop signal arrived meanwhile. */
async function step(title: string, command: string, commandArgs: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const started = performance.now();
  console.log(`[start] ${title}: ${path.relative(ROOT, command) || command} ${commandArgs.join(" ")}`);
  const code = await run(command, commandArgs, env);
  if (stopSignal) process.exit(code || signalExitCode(stopSignal));
  if (code !== 0) {
    console.error(`[start] ${title} failed (exit ${code}) after ${seconds(started)}`);
    process.exit(code);
  }
  console.log(`[start] ${title} done in ${seconds(started)}`);
}

// ---------------------------------------------------------------------------------------------
// 1. Environment

function loadEnvironment(): NodeJS.ProcessEnv {
  const started = performance.now();
  const env: NodeJS.ProcessEnv = { ...process.env };
  const relEnvFile = path.relative(ROOT, ENV_FILE);

  if (!useEnvFile) {
    console.log(`[start] env: --no-env-file, ${relEnvFile} ignored`);
  } else if (fs.existsSync(ENV_FILE)) {
    const parsed = parseEnv(fs.readFileSync(ENV_FILE, "utf8"));
    const applied: string[] = [];
    for (const [key, value] of Object.entries(parsed)) {
      if (value !== undefined && env[key] === undefined) {
        env[key] = value;
        applied.push(key);
      }
    }
    console.log(`[start] env: loaded ${relEnvFile} (${applied.length ? applied.join(", ") : "nothing new: the environment already sets every key"})`);
  } else {
    console.log(`[start] env: no ${relEnvFile}`);
  }

  // NEXTAUTH_SECRET signs sessions; STACKCENTER_SECRET_KEY encrypts stamp connections' secrets.
  // Losing the latter makes the stored secrets unreadable: keep .env.local with the database.
  for (const name of ["NEXTAUTH_SECRET", "STACKCENTER_SECRET_KEY"] as const) {
    if (env[name]) {
      console.log(`[start] env: ${name} is set`);
      continue;
    }
    const secret = randomBytes(32).toString("base64url");
    env[name] = secret;
    if (useEnvFile) {
      const existing = fs.existsSync(ENV_FILE) ? fs.readFileSync(ENV_FILE, "utf8") : "";
      const separator = existing === "" || existing.endsWith("\n") ? "" : "\n";
      fs.appendFileSync(ENV_FILE, `${separator}${name}=${secret}\n`, { mode: 0o600 });
      console.log(`[start] env: ${name} was not set: generated one and saved it to ${relEnvFile}`);
    } else {
      console.log(`[start] env: ${name} was not set: generated one for this run only`);
    }
  }

  env.PORT = env.PORT || "3000";
  env.HOST = env.HOST || "127.0.0.1";
  if (!env.NEXTAUTH_URL) {
    env.NEXTAUTH_URL = `http://localhost:${env.PORT}`;
    console.log(`[start] env: NEXTAUTH_URL defaulted to ${env.NEXTAUTH_URL}`);
  } else {
    console.log(`[start] env: NEXTAUTH_URL is ${env.NEXTAUTH_URL}`);
  }
  if (env.DATABASE_URL && /^postgres(ql)?:\/\//.test(env.DATABASE_URL)) {
    console.log(`[start] env: database: PostgreSQL ${redactUrl(env.DATABASE_URL)}`);
  } else {
    const pgliteDir = env.PGLITE_DIR || ".data/pglite";
    // PGlite creates its own folder but not the missing parents (.data/ in a fresh clone).
    if (!pgliteDir.startsWith("memory://")) fs.mkdirSync(path.dirname(path.resolve(ROOT, pgliteDir)), { recursive: true });
    console.log(`[start] env: database: embedded PGlite in ${pgliteDir}`);
  }
  console.log(`[start] env done in ${seconds(started)}`);
  return env;
}

function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
  } catch {
    return "(unparseable DATABASE_URL)";
  }
}

// ---------------------------------------------------------------------------------------------
// 3. Build fingerprint

function collectFiles(relDir: string, out: string[]): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(path.join(ROOT, relDir), { withFileTypes: true });
  } catch {
    return; // folder does not exist (yet)
  }
  for (const entry of entries) {
    if (SKIPPED_DIR_NAMES.has(entry.name)) continue;
    const relPath = path.posix.join(relDir, entry.name);
    if (entry.isDirectory()) collectFiles(relPath, out);
    else if (entry.isFile() || entry.isSymbolicLink()) out.push(relPath);
  }
}

/** sha256 over path, size and mtime of every file that feeds `next build`. */
function computeFingerprint(): string {
  const files: string[] = [];
  for (const dir of FINGERPRINT_DIRS) collectFiles(dir, files);
  files.push(...FINGERPRINT_FILES);
  files.sort();
  const hash = createHash("sha256");
  for (const file of files) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(path.join(ROOT, file));
    } catch {
      continue; // optional single file that does not exist, or a dangling symlink
    }
    if (!stat.isFile()) continue;
    hash.update(`${file}\0${stat.size}\0${stat.mtimeMs}\n`);
  }
  return hash.digest("hex");
}

function buildReason(): string | undefined {
  if (!fs.existsSync(BUILD_ID_FILE)) return "no production build yet (.next/BUILD_ID missing)";
  let recorded = "";
  try {
    recorded = fs.readFileSync(FINGERPRINT_FILE, "utf8").trim();
  } catch {
    return "no recorded source fingerprint";
  }
  return recorded === computeFingerprint() ? undefined : "sources changed since the last build";
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const totalStarted = performance.now();
  console.log(`[start] Stackcenter ${dev ? "development" : "production"} start in ${ROOT}`);
  const env = loadEnvironment();

  // 2. Database: migrate + seed. Must exit before Next opens the (single-owner) PGlite folder.
  await step("database setup", bin("tsx"), ["scripts/db.ts", "setup"], env);

  const port = env.PORT ?? "3000";
  const host = env.HOST ?? "127.0.0.1";
  const shownHost = ["127.0.0.1", "0.0.0.0", "::", "::1"].includes(host) ? "localhost" : host;
  const url = `http://${shownHost.includes(":") ? `[${shownHost}]` : shownHost}:${port}`;

  if (dev) {
    console.log("[start] build: skipped (--dev)");
    console.log(`[start] ready in ${seconds(totalStarted)}; starting the development server on ${url} (bound to ${host})`);
    process.exit(await serve(bin("tsx"), ["scripts/server.ts", "--dev"], { ...env, NODE_ENV: "development" }));
  }

  // 3. Production build when needed.
  const reason = buildReason();
  if (reason) {
    console.log(`[start] build needed: ${reason}`);
    await step("next build", bin("next"), ["build"], env);
    // Recorded after the build: `next build` may itself touch tsconfig.json (and does on first run).
    fs.writeFileSync(FINGERPRINT_FILE, `${computeFingerprint()}\n`);
  } else {
    console.log("[start] build: up to date (.next matches the sources), skipped");
  }

  // 4. Serve.
  console.log(`[start] ready in ${seconds(totalStarted)}; starting the production server on ${url} (bound to ${host})`);
  process.exit(await serve(bin("tsx"), ["scripts/server.ts"], withServerNodeOptions({ ...env, NODE_ENV: "production" })));
}

/**
 * V8's young generation for the production server: 64 MB semi-spaces instead of 16 MB. An ingest
 * batch is a ~25 MB JSON body turned into 50,000 short-lived objects; with the default the
 * scavenger runs (and copies survivors) several times per batch. Measured with `npm run
 * bench:ingest` on PostgreSQL (which runs with the same flag): JSON parse 137 → 86 ms per
 * 50,000-record batch, throughput +6 %. An operator's own NODE_OPTIONS setting wins.
 */
const SERVER_SEMI_SPACE_OPTION = "--max-semi-space-size=64";

function withServerNodeOptions(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const current = env.NODE_OPTIONS ?? "";
  if (current.includes("--max-semi-space-size")) return env;
  return { ...env, NODE_OPTIONS: `${current} ${SERVER_SEMI_SPACE_OPTION}`.trim() };
}

async function serve(command: string, commandArgs: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const started = performance.now();
  const code = await run(command, commandArgs, env);
  console.log(`[start] ${path.basename(command)} ${commandArgs.join(" ")} exited with ${code} after ${seconds(started)}`);
  return code;
}

main().catch((error: unknown) => {
  console.error("[start] failed:", error instanceof Error ? error.message : error);
  process.exit(1);
});
