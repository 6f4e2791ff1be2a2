// The local meters the simulated stamp emits (GUIDs from ../shared/reference/local-meters.csv, in
// the upper case the stamp reports them). Only compute vcore-hours and storage capacity are billed
// by Microsoft; the others exist for chargeback and must still flow through the pipeline.
export const METERS = {
  baseVm: "FAB6EB84-500B-4A09-A8CA-7358F8BBAEA5",
  windowsVm: "9CD92D4C-BAFD-4492-B278-BEDC2DE8232A",
  blockBlobCapacity: "09F8879E-87E9-4305-A572-4B7BE209F857",
  pageBlobCapacity: "B5C15376-6C94-4FDD-B655-1A69D138ACA3",
  tableCapacity: "B4438D5D-453B-4EE1-B42A-DC72E377F1E4",
  queueCapacity: "B03C6AE7-B080-4BFA-84A3-22C800F315C6",
  // Not billed by Microsoft:
  staticIp: "F271A8A388C44D93956A063E1D2FA80B",
  blobTransactions: "43DAF82B-4618-444A-B994-40C23F7CD438",
  sqlDatabaseSize: "CBCFEF9A-B91F-4597-A4D3-01FE334BED82",
} as const;

export type MeterKey = keyof typeof METERS;

export const BILLED_METER_IDS: ReadonlySet<string> = new Set([
  METERS.baseVm,
  METERS.windowsVm,
  METERS.blockBlobCapacity,
  METERS.pageBlobCapacity,
  METERS.tableCapacity,
  METERS.queueCapacity,
]);
