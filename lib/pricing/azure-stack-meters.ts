// The Azure Stack commerce meters as price list rows name them: an Azure plan price sheet has no
// region column, so its rows for these meters are recognised by meter id and get
// MeterRegion "Azure Stack" and these names. Pure (the CSV worker gets them in its start message).

/** The MeterRegion of Azure Stack Hub rows ("Filter on Region = Azure Stack", Microsoft's Azure Stack CSP docs). */
export const AZURE_STACK_REGION = "Azure Stack";

export interface AzureStackMeter {
  /** Lowercase meter GUID. */
  id: string;
  meterName: string;
  meterCategory: string;
  meterSubCategory: string;
}

export interface CommerceMeterNames {
  id: string;
  serviceName: string;
  serviceType: string | null;
  resourceName: string;
  unitOfMeasure: string;
  audience: "TENANT" | "ADMIN";
}

/**
 * A commerce meter's price list names: category = service, subcategory = service type, name =
 * "<sku>, <unit>" where the sku is the service type (" Admin" for admin meters) or else the
 * resource ("Windows VM, 1 Core Hour", "Standard Disks Admin, 1 GB").
 */
export function toAzureStackMeter(meter: CommerceMeterNames): AzureStackMeter {
  const sku = meter.serviceType ? `${meter.serviceType}${meter.audience === "ADMIN" ? " Admin" : ""}` : meter.resourceName;
  return {
    id: meter.id.toLowerCase(),
    meterName: `${sku}, ${meter.unitOfMeasure}`,
    meterCategory: meter.serviceName,
    meterSubCategory: meter.serviceType ?? "",
  };
}
