import "server-only";
import { getDatabase } from "../db";

/** Liveness of the database, for load balancers and the e2e harness; reveals no data. */
export async function checkDatabaseHealth(): Promise<{ ok: boolean; database: string }> {
  try {
    const database = await getDatabase();
    await database.sql.query("SELECT 1");
    return { ok: true, database: database.mode };
  } catch {
    return { ok: false, database: "unreachable" };
  }
}
