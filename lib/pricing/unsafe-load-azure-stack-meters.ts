// Unscoped: the commerce meter catalog is Microsoft's reference data, the same for every partner,
// read for an import that importPriceList has already authorised (and by the benchmark, which has
// no scope). Not "server-only" for that benchmark.
import type { Database } from "../database/open-database";
import { toAzureStackMeter, type AzureStackMeter } from "./azure-stack-meters";

/** The Azure Stack commerce meters (14 rows) as price list rows name them. */
export async function unsafeLoadAzureStackMeters(prisma: Database["prisma"]): Promise<AzureStackMeter[]> {
  const meters = await prisma.commerceMeter.findMany({
    select: { id: true, serviceName: true, serviceType: true, resourceName: true, unitOfMeasure: true, audience: true },
    orderBy: { id: "asc" },
  });
  return meters.map(toAzureStackMeter);
}
