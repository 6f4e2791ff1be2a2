// The simulated stamp's hourly usage, derived deterministically from (seed, resource, hour), with
// a REPORTED time per record: normally the end of the usage hour, but for a (local subscription,
// day) hit by a usage-bridge outage, 1–3 days later. The provider API filters by reported time, so
// `recordsReportedIn` enumerates usage hours far enough back to catch late records, and
// `groundTruth` sums exactly what the API serves for a window (what tests compare against).
import Decimal from "decimal.js";
import { METERS } from "./meters";
import { randomFor, randomInt } from "./random";
import { DAY_MS, HOUR_MS, type SimulatedResource, type StampWorld, type VmResource } from "./world";

/** The longest a late record waits: 3 days + 23 hours after its usage hour ended. */
export const MAX_LATE_HOURS = 95;

export interface GeneratedRecord {
  subscriptionId: string;
  meterId: string;
  resourceUri: string;
  resource: SimulatedResource;
  usageStart: number;
  usageEnd: number;
  reportedTime: number;
  /** Exact decimal text; serialised as a JSON number whose shortest form is this same text. */
  quantity: string;
}

function localClock(epoch: number, utcOffset: number): { hour: number; weekday: boolean } {
  const local = new Date(epoch + utcOffset * HOUR_MS);
  const day = local.getUTCDay();
  return { hour: local.getUTCHours(), weekday: day !== 0 && day !== 6 };
}

/** 0 at night, 1 at the afternoon peak: the shape of interactive load. */
function diurnal(hour: number): number {
  return hour < 6 || hour > 20 ? 0 : Math.sin((Math.PI * (hour - 6)) / 14);
}

/** Share of the hour the VM ran (0, 0.25, 0.5 or 1: exact in binary, so sums stay exact). */
function vmFraction(vm: VmResource, epoch: number, random: () => number): number {
  const { hour, weekday } = localClock(epoch, vm.utcOffset);
  switch (vm.profile) {
    case "always-on":
      return random() < 0.003 ? 0.5 : 1; // the odd patch reboot
    case "business-hours":
      if (!weekday) return 0;
      if (hour === 7) return 0.5; // started at half past seven
      return hour >= 8 && hour < 18 ? 1 : 0;
    case "web":
      return random() < 0.25 + 0.7 * diurnal(hour) * (weekday ? 1 : 0.5) ? 1 : 0;
    case "batch":
      if (hour >= 1 && hour <= 3) return 1;
      return hour === 4 && random() < 0.5 ? 0.25 : 0;
  }
}

type HourUsage = { meterId: string; quantity: string }[];

export function resourceUsageForHour(world: StampWorld, resource: SimulatedResource, hourIndex: number): HourUsage {
  const epoch = world.usageStart + hourIndex * HOUR_MS;
  const random = randomFor(`${world.config.seed}|${resource.resourceUri}|${hourIndex}`);
  const usage: HourUsage = [];
  switch (resource.kind) {
    case "vm": {
      if (hourIndex < resource.createdHour) return usage;
      if (resource.deletedHour !== null && hourIndex >= resource.deletedHour) return usage;
      // A static public IP is allocated (and metered) whether or not the VM runs.
      if (resource.publicIp) usage.push({ meterId: METERS.staticIp, quantity: "1" });
      const vcoreHours = resource.vcores * vmFraction(resource, epoch, random);
      if (vcoreHours > 0) {
        usage.push({ meterId: METERS.baseVm, quantity: String(vcoreHours) });
        // The Windows licence is metered on top of the base VM, with the same vcore-hours.
        if (resource.windows) usage.push({ meterId: METERS.windowsVm, quantity: String(vcoreHours) });
      }
      return usage;
    }
    case "storage": {
      const days = hourIndex / 24;
      const { hour, weekday } = localClock(epoch, resource.utcOffset);
      const block = resource.blockBaseGb + resource.blockGrowthGbPerDay * days + random() * 0.5;
      usage.push(
        { meterId: METERS.blockBlobCapacity, quantity: new Decimal(block).toFixed(4) },
        { meterId: METERS.pageBlobCapacity, quantity: String(resource.pageGb) },
      );
      if (resource.tablesAndQueues) {
        usage.push(
          { meterId: METERS.tableCapacity, quantity: new Decimal(resource.tableGb * (1 + days / 100)).toFixed(4) },
          { meterId: METERS.queueCapacity, quantity: new Decimal(resource.queueGb * (0.8 + random() * 0.4)).toFixed(4) },
        );
      }
      if (resource.transactions) {
        const load = (0.05 + 3 * diurnal(hour) * (weekday ? 1 : 0.3)) * (0.7 + random() * 0.6);
        usage.push({ meterId: METERS.blobTransactions, quantity: new Decimal(load).toFixed(4) });
      }
      return usage;
    }
    case "sql":
      usage.push({ meterId: METERS.sqlDatabaseSize, quantity: new Decimal(resource.sizeMb + hourIndex * 0.35).toFixed(2) });
      return usage;
  }
}

/** Hours between the end of usage and its report: 0, or 24–95 for an outage day. */
function reportDelayHours(world: StampWorld, subscriptionId: string, day: number, cache: Map<string, number>): number {
  const key = `${subscriptionId}|${day}`;
  let delay = cache.get(key);
  if (delay === undefined) {
    const random = randomFor(`${world.config.seed}|late|${key}`);
    delay = random() < world.config.lateDayRate ? randomInt(random, 24, MAX_LATE_HOURS) : 0;
    cache.set(key, delay);
  }
  return delay;
}

/**
 * Every record whose reported time is in [from, to) (epoch ms, on the hour), in a stable order
 * (usage hour, then resource, then meter) so offsets make valid continuation tokens.
 */
export function recordsReportedIn(world: StampWorld, from: number, to: number): GeneratedRecord[] {
  const records: GeneratedRecord[] = [];
  const delays = new Map<string, number>();
  const firstHour = Math.max(0, Math.floor((from - world.usageStart) / HOUR_MS) - MAX_LATE_HOURS - 1);
  const lastHour = Math.floor((to - world.usageStart) / HOUR_MS); // exclusive: its end is past `to`
  for (let hourIndex = firstHour; hourIndex < lastHour; hourIndex++) {
    const usageStart = world.usageStart + hourIndex * HOUR_MS;
    const usageEnd = usageStart + HOUR_MS;
    const day = Math.floor(hourIndex / 24);
    for (const resource of world.resources) {
      const reportedTime = usageEnd + reportDelayHours(world, resource.subscriptionId, day, delays) * HOUR_MS;
      if (reportedTime < from || reportedTime >= to) continue;
      for (const { meterId, quantity } of resourceUsageForHour(world, resource, hourIndex)) {
        records.push({
          subscriptionId: resource.subscriptionId,
          meterId,
          resourceUri: resource.resourceUri,
          resource,
          usageStart,
          usageEnd,
          reportedTime,
          quantity,
        });
      }
    }
  }
  return records;
}

/** Daily granularity: the window's hourly records summed per (subscription, meter, resource, UTC day). */
export function aggregateDaily(records: GeneratedRecord[]): GeneratedRecord[] {
  const groups = new Map<string, { record: GeneratedRecord; sum: Decimal }>();
  for (const record of records) {
    const dayStart = Math.floor(record.usageStart / DAY_MS) * DAY_MS;
    const key = `${record.subscriptionId}|${record.meterId}|${record.resourceUri}|${dayStart}`;
    const group = groups.get(key);
    if (group) group.sum = group.sum.plus(record.quantity);
    else groups.set(key, { record: { ...record, usageStart: dayStart, usageEnd: dayStart + DAY_MS }, sum: new Decimal(record.quantity) });
  }
  return [...groups.values()].map(({ record, sum }) => ({ ...record, quantity: sum.toString() }));
}

/** Ground truth: total quantity per `${localSubscriptionId}|${METER-ID}` reported in [from, to). */
export function groundTruth(world: StampWorld, from: number, to: number): { totals: Map<string, string>; records: number } {
  const sums = new Map<string, Decimal>();
  const records = recordsReportedIn(world, from, to);
  for (const record of records) {
    const key = `${record.subscriptionId}|${record.meterId}`;
    sums.set(key, (sums.get(key) ?? new Decimal(0)).plus(record.quantity));
  }
  return { totals: new Map([...sums].map(([key, sum]) => [key, sum.toString()])), records: records.length };
}
