// `npm run bench:web`: the web tier under load. Starts the production portal (scripts/start.ts:
// migrate + seed the demo, build if the sources changed, serve) on BENCH_PORT against a FRESH
// database, signs in BENCH_SESSIONS real sessions through next-auth's credentials callback (spread
// over the demo's admin and billing users, so every partner kind is in the mix), then drives
// autocannon with one connection per session over the dashboard, billing, customer usage and price
// list pages for BENCH_DURATION seconds.
// Printed: requests/s, latency p50/p95/p99, non-2xx responses and socket errors (none allowed: the
// script exits 1 if there are any), and the server's RSS (the sum over its process tree) sampled
// every 250 ms over the run. Figures are printed, never asserted.
// Database: PGlite in .data/bench-web (deleted first) by default; BENCH_DATABASE_URL=postgres://…
// selects that PostgreSQL database, dropped and recreated first (its name must contain "bench").
import { spawn, execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import autocannon from "autocannon";
import pg from "pg";

const ROOT = path.resolve(import.meta.dirname, "..");
const PORT = Number(process.env.BENCH_PORT ?? 3190);
const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 50);
const DURATION = Number(process.env.BENCH_DURATION ?? 30);
const BASE = `http://127.0.0.1:${PORT}`;
const PASSWORD = "Stackcenter!2026";
const USERS = ["northwind", "contoso", "fabrikam", "tailspin", "adatum"].flatMap((partner) => [`admin@${partner}.example`, `billing@${partner}.example`]);

interface Session {
  email: string;
  cookie: string;
  customerUsagePath: string;
}

async function recreateDatabase(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!/^[A-Za-z0-9_]+$/.test(name) || !name.includes("bench"))
    throw new Error(`BENCH_DATABASE_URL must name a throw-away database containing "bench", got "${name}"`);
  const maintenance = new URL(url);
  maintenance.pathname = "/postgres";
  const client = new pg.Client({ connectionString: maintenance.toString() });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
}

function cookiesOf(response: Response): string[] {
  return response.headers.getSetCookie().map((cookie) => cookie.split(";")[0]);
}

async function signIn(email: string): Promise<Session> {
  const csrfResponse = await fetch(`${BASE}/api/auth/csrf`);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const jar = cookiesOf(csrfResponse);
  const callback = await fetch(`${BASE}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: BASE, cookie: jar.join("; ") },
    body: new URLSearchParams({ email, password: PASSWORD, csrfToken, callbackUrl: `${BASE}/dashboard`, json: "true" }),
  });
  const sessionCookie = cookiesOf(callback).find((cookie) => cookie.includes("session-token="));
  if (!sessionCookie) throw new Error(`sign-in of ${email} failed: HTTP ${callback.status}`);
  const cookie = [...jar, sessionCookie].join("; ");
  const customers = await fetch(`${BASE}/customers`, { headers: { cookie } });
  const customerId = /href="\/customers\/([0-9a-zA-Z-]{20,})"/.exec(await customers.text())?.[1];
  if (!customerId) throw new Error(`${email} sees no customer to open`);
  return { email, cookie, customerUsagePath: `/customers/${customerId}/usage` };
}

/** The RSS of a process and all its descendants, from /proc. */
function treeRss(rootPid: number): number {
  const output = execFileSync("ps", ["-eo", "pid=,ppid=,rss="], { encoding: "utf8" });
  const rows = output
    .trim()
    .split("\n")
    .map((line) => line.trim().split(/\s+/).map(Number));
  const inTree = new Set([rootPid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, ppid] of rows) {
      if (inTree.has(ppid) && !inTree.has(pid)) {
        inTree.add(pid);
        grew = true;
      }
    }
  }
  return rows.filter(([pid]) => inTree.has(pid)).reduce((sum, [, , rss]) => sum + rss * 1024, 0);
}

async function waitForServer(deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${BASE}/sign-in`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  throw new Error("the portal did not start in time");
}

async function main(): Promise<void> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(PORT),
    HOST: "127.0.0.1",
    NEXTAUTH_URL: BASE,
    NEXTAUTH_SECRET: "stackcenter-bench-secret-not-for-production-use-0000",
    STACKCENTER_SECRET_KEY: "stackcenter-bench-secret-key-not-for-production-0000",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  const databaseUrl = process.env.BENCH_DATABASE_URL;
  if (databaseUrl) {
    await recreateDatabase(databaseUrl);
    env.DATABASE_URL = databaseUrl;
  } else {
    fs.rmSync(path.join(ROOT, ".data/bench-web"), { recursive: true, force: true });
    env.PGLITE_DIR = ".data/bench-web";
    env.DATABASE_URL = "";
  }
  const server = spawn(path.join(ROOT, "node_modules/.bin/tsx"), ["scripts/start.ts", "--no-env-file"], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  let stopped = false;
  const stop = () => {
    if (stopped || !server.pid) return;
    stopped = true;
    try {
      process.kill(-server.pid, "SIGTERM");
    } catch {
      // already gone
    }
  };
  process.on("exit", stop);
  try {
    await waitForServer(Date.now() + 15 * 60_000);
    const sessions: Session[] = [];
    for (let i = 0; i < SESSIONS; i++) sessions.push(await signIn(USERS[i % USERS.length]));
    console.log(`Database: ${databaseUrl ? "PostgreSQL" : "PGlite"}; ${SESSIONS} signed-in sessions over ${USERS.length} users; ${DURATION} s`);

    const rssSamples: number[] = [];
    const sampler = setInterval(() => rssSamples.push(treeRss(server.pid ?? 0)), 250);
    let nextSession = 0;
    const pick = (context: Record<string, unknown>): Session => {
      context.session ??= sessions[nextSession++ % sessions.length];
      return context.session as Session;
    };
    const latencies: number[] = [];
    const result = await new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon(
        {
          url: BASE,
          connections: SESSIONS,
          duration: DURATION,
          timeout: 30,
          requests: [
            { setupRequest: (request, context) => ({ ...request, path: "/dashboard", headers: { cookie: pick(context as Record<string, unknown>).cookie } }) },
            { setupRequest: (request, context) => ({ ...request, path: "/billing", headers: { cookie: pick(context as Record<string, unknown>).cookie } }) },
            {
              setupRequest: (request, context) => {
                const session = pick(context as Record<string, unknown>);
                return { ...request, path: session.customerUsagePath, headers: { cookie: session.cookie } };
              },
            },
            { setupRequest: (request, context) => ({ ...request, path: "/price-list", headers: { cookie: pick(context as Record<string, unknown>).cookie } }) },
          ],
        },
        (error: unknown, finished: autocannon.Result) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(finished)),
      );
      instance.on("response", (_client: unknown, _status: number, _bytes: number, milliseconds: number) => latencies.push(milliseconds));
    });
    clearInterval(sampler);

    const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
    console.log(`Requests: ${result.requests.total} (${result.requests.average.toFixed(1)} req/s average)`);
    latencies.sort((a, b) => a - b);
    const at = (p: number) => (latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)] ?? 0).toFixed(0);
    console.log(`Latency: p50 ${at(50)} ms, p95 ${at(95)} ms, p99 ${at(99)} ms, max ${at(100)} ms (${latencies.length} responses)`);
    console.log(`Errors: ${result.errors} socket errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx responses`);
    console.log(`Server RSS: start ${mb(rssSamples[0] ?? 0)}, peak ${mb(Math.max(...rssSamples))}, end ${mb(rssSamples.at(-1) ?? 0)}`);
    if (result.errors + result.timeouts + result.non2xx > 0) process.exitCode = 1;
  } finally {
    stop();
  }
}

main().catch((error: unknown) => {
  console.error("[bench:web] failed:", error instanceof Error ? error.message : error);
  process.exit(1);
});
