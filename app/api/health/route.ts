import { checkDatabaseHealth } from "@/lib/platform/check-database-health";

export const dynamic = "force-dynamic";

export async function GET() {
  const health = await checkDatabaseHealth();
  return Response.json(health, { status: health.ok ? 200 : 503 });
}
