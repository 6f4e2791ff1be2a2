// The simulated stamp's inventory: local subscriptions (tenant-owned and the provider subscription)
// and the resources in them. Built once from the config; the hourly usage is derived from it in
// ./usage. Sizes are deliberately "fewer, larger" resources so 60 days stay a few 100k records.
import { guidFor, pick, randomFor, randomInt } from "./random";

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

export interface SimulatorTenant {
  /** The customer's directory (AAD tenant) id: what the registration maps usage by. */
  tenantId: string;
  displayName: string;
}

export interface StampSimulatorConfig {
  seed: string;
  /** The stamp's default provider subscription (the path segment of the admin APIs). */
  providerSubscriptionId: string;
  /** The operator's own directory: owner of the provider subscription. */
  operatorTenantId: string;
  tenants: SimulatorTenant[];
  /** Usage starts at 00:00 UTC `days` days before `anchor`'s day. */
  days: number;
  anchor: Date;
  vmsPerSubscription?: number;
  /** 1 or 2: how many local subscriptions a tenant may have (some get a Dev/Test one). */
  maxSubscriptionsPerTenant?: number;
  /** Probability that a (local subscription, day) is reported late (a usage-bridge outage). */
  lateDayRate?: number;
  /** Probability of a 503 per request (retry tests). */
  failRate?: number;
}

export type VmProfile = "always-on" | "business-hours" | "web" | "batch";

export interface VmResource {
  kind: "vm";
  subscriptionId: string;
  name: string;
  resourceUri: string;
  vcores: number;
  windows: boolean;
  profile: VmProfile;
  /** UTC offset (hours) of the workload's business day, for the diurnal shape. */
  utcOffset: number;
  createdHour: number;
  /** Hour index the VM was deleted at (no usage from then), or null. */
  deletedHour: number | null;
  publicIp: boolean;
}

export interface StorageResource {
  kind: "storage";
  subscriptionId: string;
  name: string;
  resourceUri: string;
  blockBaseGb: number;
  blockGrowthGbPerDay: number;
  pageGb: number;
  tableGb: number;
  queueGb: number;
  /** Not every account uses tables/queues or is busy enough to matter for transactions. */
  tablesAndQueues: boolean;
  transactions: boolean;
  utcOffset: number;
}

export interface SqlResource {
  kind: "sql";
  subscriptionId: string;
  name: string;
  resourceUri: string;
  sizeMb: number;
}

export type SimulatedResource = VmResource | StorageResource | SqlResource;

export interface LocalSubscription {
  subscriptionId: string;
  /** "owner" as the admin subscriptions API reports it (the owner's UPN). */
  owner: string;
  tenantId: string;
  displayName: string;
  isProviderSubscription: boolean;
}

export interface StampWorld {
  config: Required<Omit<StampSimulatorConfig, "tenants">> & { tenants: SimulatorTenant[] };
  /** First usage hour (inclusive), epoch ms on the hour. */
  usageStart: number;
  subscriptions: LocalSubscription[];
  resources: SimulatedResource[];
}

const VM_NAMES = ["web", "app", "sql", "build", "jump", "etl", "api", "cache", "file", "report"];
const OFFSETS = [-8, -6, -5, 0, 1];

function resourceUri(subscriptionId: string, group: string, provider: string, name: string): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/${group}/providers/${provider}/${name}`;
}

function vmsFor(key: string, subscriptionId: string, count: number, totalHours: number): VmResource[] {
  const random = randomFor(`vms:${key}`);
  const utcOffset = pick(random, OFFSETS);
  return Array.from({ length: count }, (_, index) => {
    const name = `${pick(random, VM_NAMES)}-vm${String(index + 1).padStart(2, "0")}`;
    // Most VMs exist the whole period; some are created part-way and a few are deleted.
    const createdHour = random() < 0.25 ? randomInt(random, 24, Math.max(24, Math.floor(totalHours / 2))) : 0;
    const deletedHour = random() < 0.12 ? randomInt(random, createdHour + 48, createdHour + 48 + totalHours) : null;
    return {
      kind: "vm" as const,
      subscriptionId,
      name,
      resourceUri: resourceUri(subscriptionId, "workloads", "Microsoft.Compute/virtualMachines", name),
      vcores: pick(random, [2, 2, 4, 4, 8, 16]),
      windows: random() < 0.55,
      profile: pick(random, ["always-on", "business-hours", "web", "batch"] as const),
      utcOffset,
      createdHour,
      deletedHour,
      publicIp: random() < 0.5,
    };
  });
}

function storageFor(key: string, subscriptionId: string): StorageResource {
  const random = randomFor(`storage:${key}`);
  const name = `st${subscriptionId.replace(/-/g, "").slice(0, 10)}`;
  return {
    kind: "storage",
    subscriptionId,
    name,
    resourceUri: resourceUri(subscriptionId, "storage", "Microsoft.Storage/storageAccounts", name),
    blockBaseGb: randomInt(random, 20, 2_000),
    blockGrowthGbPerDay: randomInt(random, 0, 400) / 10,
    pageGb: pick(random, [128, 256, 512, 1_024, 2_048]),
    tableGb: randomInt(random, 1, 200) / 100,
    queueGb: randomInt(random, 1, 50) / 100,
    tablesAndQueues: random() < 0.5,
    transactions: random() < 0.5,
    utcOffset: pick(random, OFFSETS),
  };
}

export function buildWorld(input: StampSimulatorConfig): StampWorld {
  const config = {
    vmsPerSubscription: 3,
    maxSubscriptionsPerTenant: 2,
    lateDayRate: 0.04,
    failRate: 0,
    ...input,
  };
  const usageStart = Math.floor(config.anchor.getTime() / DAY_MS) * DAY_MS - config.days * DAY_MS;
  const totalHours = config.days * 24;
  const subscriptions: LocalSubscription[] = [];
  const resources: SimulatedResource[] = [];

  subscriptions.push({
    subscriptionId: config.providerSubscriptionId,
    owner: "operator@stamp.local",
    tenantId: config.operatorTenantId,
    displayName: "Default Provider Subscription",
    isProviderSubscription: true,
  });
  // The operator's own infrastructure: an always-on Windows VM and a storage account.
  resources.push(
    ...vmsFor(`${config.seed}:provider`, config.providerSubscriptionId, 1, totalHours).map((vm) => ({
      ...vm,
      windows: true,
      profile: "always-on" as const,
      createdHour: 0,
      deletedHour: null,
    })),
    storageFor(`${config.seed}:provider`, config.providerSubscriptionId),
  );

  for (const tenant of config.tenants) {
    const random = randomFor(`${config.seed}:tenant:${tenant.tenantId}`);
    const count = config.maxSubscriptionsPerTenant > 1 && random() < 0.35 ? 2 : 1;
    for (let index = 0; index < count; index++) {
      const subscriptionId = guidFor(`${config.seed}:local:${tenant.tenantId}:${index}`);
      const key = `${config.seed}:${subscriptionId}`;
      subscriptions.push({
        subscriptionId,
        owner: `admin@${tenant.tenantId.slice(0, 8)}.onmicrosoft.com`,
        tenantId: tenant.tenantId,
        displayName: index === 0 ? `${tenant.displayName} Production` : `${tenant.displayName} Dev/Test`,
        isProviderSubscription: false,
      });
      resources.push(...vmsFor(key, subscriptionId, config.vmsPerSubscription, totalHours), storageFor(key, subscriptionId));
      if (random() < 0.4) {
        const name = "appdb";
        resources.push({
          kind: "sql",
          subscriptionId,
          name,
          resourceUri: resourceUri(subscriptionId, "data", "Microsoft.SQLAdapter/servers/sql01/databases", name),
          sizeMb: randomInt(random, 500, 50_000),
        });
      }
    }
  }
  return { config, usageStart, subscriptions, resources };
}
