import "server-only";
import { getPrisma } from "../db";
import { assertScopeCan, type PartnerScope } from "../auth/partner-scope";
import type { MeterAudience, QuantityConversion } from "./quantity-conversion";

export interface CommerceMeterRow {
  id: string;
  serviceName: string;
  serviceType: string | null;
  resourceName: string;
  unitOfMeasure: string;
  audience: MeterAudience;
  /** Local meters billed as this meter. */
  localMeters: { id: string; name: string }[];
}

export interface LocalMeterRow {
  id: string;
  displayId: string;
  resourceProvider: string;
  name: string;
  unit: string;
  description: string;
  /** Null: not billed by Microsoft (available for the partner's own chargeback). */
  billedAs: {
    conversion: QuantityConversion;
    tenant: { id: string; resourceName: string; unitOfMeasure: string };
    admin: { id: string; resourceName: string; unitOfMeasure: string };
  } | null;
}

export interface MeterCatalog {
  localMeters: LocalMeterRow[];
  commerceMeters: CommerceMeterRow[];
  totals: { localMeters: number; commerceMeters: number; billedLocalMeters: number };
}

export interface MeterCatalogQuery {
  q?: string;
  billed?: "billed" | "unbilled";
}

const commerceSelect = { id: true, resourceName: true, unitOfMeasure: true } as const;

/**
 * Both meter catalogs with the mapping between them, filtered by text (ids in any spelling, names,
 * providers, units, and what a meter is billed as). The catalogs are ~70 rows of Microsoft
 * reference data, so they are filtered in memory after one read.
 */
export async function listMeterCatalog(scope: PartnerScope, query: MeterCatalogQuery): Promise<MeterCatalog> {
  assertScopeCan(scope, "prices:read");
  const prisma = await getPrisma();
  const [locals, commerce] = await Promise.all([
    prisma.localMeter.findMany({
      orderBy: [{ resourceProvider: "asc" }, { name: "asc" }],
      include: { mapping: { include: { tenantCommerceMeter: { select: commerceSelect }, adminCommerceMeter: { select: commerceSelect } } } },
    }),
    prisma.commerceMeter.findMany({
      orderBy: [{ serviceName: "asc" }, { audience: "desc" }, { resourceName: "asc" }],
      include: {
        tenantMappings: { select: { localMeter: { select: { id: true, name: true } } } },
        adminMappings: { select: { localMeter: { select: { id: true, name: true } } } },
      },
    }),
  ]);

  const localMeters: LocalMeterRow[] = locals.map(({ mapping, ...meter }) => ({
    ...meter,
    billedAs: mapping ? { conversion: mapping.conversion, tenant: mapping.tenantCommerceMeter, admin: mapping.adminCommerceMeter } : null,
  }));
  const commerceMeters: CommerceMeterRow[] = commerce.map(({ tenantMappings, adminMappings, ...meter }) => ({
    ...meter,
    localMeters: [...tenantMappings, ...adminMappings].map((mapping) => mapping.localMeter),
  }));

  // Search ignores case and hyphens, so "FAB6EB84500B" finds fab6eb84-500b-….
  const needle = query.q?.trim().toLowerCase().replace(/-/g, "");
  const matches = (...texts: (string | null | undefined)[]) => !needle || texts.some((text) => text?.toLowerCase().replace(/-/g, "").includes(needle));

  return {
    localMeters: localMeters.filter(
      (meter) =>
        (query.billed === undefined || (query.billed === "billed") === (meter.billedAs !== null)) &&
        matches(
          meter.id,
          meter.name,
          meter.resourceProvider,
          meter.unit,
          meter.description,
          meter.billedAs?.tenant.resourceName,
          meter.billedAs?.admin.resourceName,
        ),
    ),
    commerceMeters: commerceMeters.filter(
      (meter) =>
        query.billed !== "unbilled" &&
        matches(meter.id, meter.serviceName, meter.serviceType, meter.resourceName, meter.unitOfMeasure, ...meter.localMeters.map((local) => local.name)),
    ),
    totals: {
      localMeters: localMeters.length,
      commerceMeters: commerceMeters.length,
      billedLocalMeters: localMeters.filter((meter) => meter.billedAs).length,
    },
  };
}
