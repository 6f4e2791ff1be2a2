import "server-only";
// The customer list as CSV: the list's filter and order, every page (up to a cap), cells
// neutralised against spreadsheet formula injection like the other exports. A read: not audited.
import { stringify } from "csv-stringify/sync";
import { getPrisma } from "../db";
import { assertScopeCan, type PartnerScope } from "../auth/partner-scope";
import { neutraliseCsvCell } from "../files/neutralise-csv-cell";
import { fileNameSlug } from "../files/download-file-name";
import { listCustomersQuerySchema } from "./customer-schemas";
import { customerListWhere, customerOrder } from "./list-customers";

export const CUSTOMER_CSV_COLUMNS = ["CustomerId", "CompanyName", "Domain", "TenantId", "Country", "OwnerPartner", "Subscriptions", "CreatedAt"] as const;
/** A partner's customers are hundreds at most; the cap keeps one request bounded. */
export const CUSTOMER_EXPORT_LIMIT = 50_000;

export async function customerExportResponse(scope: PartnerScope, request: Request): Promise<Response> {
  assertScopeCan(scope, "customers:read");
  const params = new URL(request.url).searchParams;
  const single = (key: string) => params.get(key) || undefined;
  const query = listCustomersQuerySchema.parse({
    q: single("q"),
    country: single("country"),
    reseller: single("reseller"),
    sort: single("sort"),
    dir: single("dir"),
  });
  const prisma = await getPrisma();
  const rows = await prisma.customer.findMany({
    where: customerListWhere(scope, query),
    orderBy: customerOrder(query.sort, query.dir),
    take: CUSTOMER_EXPORT_LIMIT,
    select: {
      id: true,
      companyName: true,
      domain: true,
      tenantId: true,
      country: true,
      createdAt: true,
      partner: { select: { name: true } },
      _count: { select: { subscriptions: true } },
    },
  });
  const csv =
    stringify([[...CUSTOMER_CSV_COLUMNS]]) +
    stringify(
      rows.map((row) =>
        [row.id, row.companyName, row.domain, row.tenantId, row.country, row.partner.name, String(row._count.subscriptions), row.createdAt.toISOString()].map(
          neutraliseCsvCell,
        ),
      ),
    );
  const name = `customers_${fileNameSlug(scope.partnerName, "partner", 60)}_${new Date().toISOString().slice(0, 10)}.csv`;
  return new Response(csv, {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${name}"`, "Cache-Control": "no-store" },
  });
}
