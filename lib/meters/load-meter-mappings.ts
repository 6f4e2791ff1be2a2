import "server-only";
import { getPrisma } from "../db";
import type { MeterMapping, MeterMappingTable } from "./quantity-conversion";

/**
 * The local→commerce mapping table, for toCommerceQuantity. It is Microsoft's catalog (the same
 * for every partner, loaded by migration), so it needs no partner scope; the usage pipeline loads
 * it once per run.
 */
export async function loadMeterMappings(): Promise<MeterMappingTable> {
  const prisma = await getPrisma();
  const rows: MeterMapping[] = await prisma.localMeterMapping.findMany({
    select: { localMeterId: true, tenantCommerceMeterId: true, adminCommerceMeterId: true, conversion: true },
  });
  return new Map(rows.map((row) => [row.localMeterId, row]));
}
