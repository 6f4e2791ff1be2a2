// Several production portal processes (scripts/server.ts over the build `next build` left in .next,
// the one the e2e webServer uses) on one fresh PostgreSQL database, for the two-instance spec.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import pg from "pg";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");

export interface PortalInstance {
  port: number;
  process: ChildProcess;
  /** The process's last output lines, for failure messages. */
  output: string[];
}

/** Drops and recreates `databaseUrl`'s database (its name must say e2e or test), then migrates and seeds the demo into it. */
export async function prepareDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  if (!/^[A-Za-z0-9_]+$/.test(name) || !/(e2e|test)/i.test(name)) throw new Error(`refusing to recreate database "${name}"`);
  url.pathname = "/postgres";
  const admin = new pg.Client({ connectionString: url.toString() });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  await runToEnd(spawn(TSX, ["scripts/db.ts", "setup"], { cwd: ROOT, env: { ...process.env, DATABASE_URL: databaseUrl }, stdio: "pipe" }), "db.ts setup");
}

function runToEnd(child: ChildProcess, label: string): Promise<void> {
  const output: string[] = [];
  const keep = (chunk: Buffer) => output.push(...chunk.toString().split("\n").slice(-20));
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${label} exited with ${code}:\n${output.slice(-20).join("\n")}`))));
  });
}

/** Starts one production server per port, all with `env` (shared secrets, database, public URL); resolves once each serves /sign-in. */
export async function startPortalInstances(ports: number[], env: Record<string, string>): Promise<PortalInstance[]> {
  const instances = ports.map((port) => {
    const child = spawn(TSX, ["scripts/server.ts"], {
      cwd: ROOT,
      env: { ...process.env, ...env, NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1" },
      stdio: "pipe",
      detached: true,
    });
    const output: string[] = [];
    const keep = (chunk: Buffer) => {
      output.push(...chunk.toString().split("\n"));
      output.splice(0, Math.max(0, output.length - 40));
    };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    return { port, process: child, output };
  });
  await Promise.all(instances.map(waitUntilServing));
  return instances;
}

async function waitUntilServing(instance: PortalInstance): Promise<void> {
  for (let attempt = 0; attempt < 240; attempt++) {
    if (instance.process.exitCode !== null) throw new Error(`instance on ${instance.port} exited:\n${instance.output.join("\n")}`);
    try {
      const response = await fetch(`http://127.0.0.1:${instance.port}/sign-in`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`instance on ${instance.port} did not serve /sign-in:\n${instance.output.join("\n")}`);
}

/** SIGTERM to each instance's process group (tsx and the server it runs); waits for them to exit. */
export async function stopPortalInstances(instances: PortalInstance[]): Promise<void> {
  await Promise.all(
    instances.map(
      ({ process: child }) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.pid === undefined) return resolve();
          child.once("exit", () => resolve());
          process.kill(-child.pid, "SIGTERM");
        }),
    ),
  );
}
