// GET /api/statements/<customerId>?period=YYYY-MM: a customer's statement as CSV (session with
// "statements:read"; Microsoft cost and margin columns only for the partner Microsoft bills).
import { requireActionScope } from "@/lib/auth/get-scope";
import { statementCsvResponse } from "@/lib/chargeback/statement-response";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ customerId: string }> }): Promise<Response> {
  const { customerId } = await params;
  return statementCsvResponse(request, customerId, () => requireActionScope("statements:read"));
}
