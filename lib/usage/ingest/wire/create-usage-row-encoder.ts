// Mapped usage (../domain/create-usage-mapper.ts) as lines of PostgreSQL's COPY text format, written
// as bytes (copy-line-writer.ts). A line is made of pieces that repeat from record to record — a
// series' key, subscription, meter and URI; an hour's times and commerce day; a subscription's
// mapping; an instanceData's location, additionalInfo and tags — so each piece is encoded to UTF-8
// once per batch, kept in an array under the id the mapper gave its subject, and copied; only the
// quantities are written per record. Pure (no "server-only"): the benchmark encodes its raw-COPY
// ceiling rows with it.
import { COPY_NULL, copyBool, copyJson, copyText } from "../../../database/sql-text";
import { copyPiece, type CopyLineWriter, type CopyPiece } from "./copy-line-writer";
import { createUsageMapper, type UsageRejection } from "../domain/create-usage-mapper";
import type { GatewayContext } from "../domain/gateway/map-usage-record";
import type { RatedLineAccumulator } from "../domain/rated-line-accumulator";

/** The UsageRecord columns of each COPY line, in order (registrationId and batchId are the store's). */
export const USAGE_ROW_COLUMNS = [
  "seriesKey",
  "localSubscriptionId",
  "localMeterId",
  "resourceUri",
  "usageStart",
  "usageEnd",
  "quantity",
  "location",
  "additionalInfo",
  "tags",
  "azureSubscriptionId",
  "mappedTenantId",
  "unregisteredTenant",
  "providerUsage",
  "commerceMeterId",
  "commerceQuantity",
  "usageDate",
  "redated",
] as const;

/** The commerce meter and quantity of usage Microsoft doesn't bill. */
const NOT_BILLED = copyPiece(`${COPY_NULL}\t${COPY_NULL}`);

export interface UsageRowEncoder {
  /** Appends the COPY line of record `index` to `out`; false (nothing written) when rejected. */
  encodeInto(record: unknown, index: number, out: CopyLineWriter): boolean;
  /** Encoded lines so far, superseded ones included. */
  readonly encoded: number;
  /**
   * Indexes of records whose line was already encoded but that a later record with the same natural
   * key superseded (reported as DuplicateInBatch): remove them from what was copied.
   */
  readonly superseded: number[];
  /** All rejections so far, sorted by index. */
  rejections(): UsageRejection[];
}

/**
 * Checks, maps and de-duplicates records one by one for a registration (createUsageMapper) and
 * encodes each accepted one as a COPY line.
 */
export function createUsageRowEncoder(
  registrationId: string,
  knownMeters: ReadonlySet<string>,
  context: GatewayContext,
  /** When given, receives each rated record's commerce quantity by daily line (for a batch of new records only). */
  ratedLines?: RatedLineAccumulator,
): UsageRowEncoder {
  const mapper = createUsageMapper(registrationId, knownMeters, context, ratedLines);
  // Encoded pieces by the id of what they encode (series, hour, subscription, instanceData).
  /** "seriesKey \t local subscription \t local meter \t resource URI \t" */
  const seriesHeads: CopyPiece[] = [];
  /** "commerce meter \t" (its quantity follows), or null when Microsoft doesn't bill the meter. */
  const seriesCommerce: (CopyPiece | null)[] = [];
  /** "usageStart \t usageEnd \t" and "\t usageDate (re-dated when late) \t redated \n" */
  const hourTimes: CopyPiece[] = [];
  const hourTails: CopyPiece[] = [];
  /** "azure subscription \t mapped tenant \t unregistered \t provider usage \t" */
  const subscriptionFields: CopyPiece[] = [];
  /** "\t location \t additionalInfo \t tags \t" */
  const instanceDetails: CopyPiece[] = [];

  function encodeInto(record: unknown, index: number, out: CopyLineWriter): boolean {
    const usage = mapper.map(record, index);
    if (usage === null) return false;
    const { series, hour, instance } = usage;

    let head = seriesHeads[series.id];
    if (head === undefined) {
      head = seriesHeads[series.id] = copyPiece(`${series.seriesKey}\t${copyText(series.subscription.localSubscriptionId)}\t${series.localMeterId}\t${copyText(series.resourceUri)}\t`);
      seriesCommerce[series.id] = series.commerceMeterId === null ? null : copyPiece(`${series.commerceMeterId}\t`);
    }
    let times = hourTimes[hour.id];
    if (times === undefined) {
      times = hourTimes[hour.id] = copyPiece(`${new Date(hour.startMs).toISOString()}\t${new Date(hour.endMs).toISOString()}\t`);
      hourTails[hour.id] = copyPiece(`\t${hour.usageDate}\t${copyBool(hour.redated)}\n`);
    }
    let mapped = subscriptionFields[series.subscription.id];
    if (mapped === undefined) {
      const { mapping } = series.subscription;
      mapped = subscriptionFields[series.subscription.id] = copyPiece(
        `${mapping.azureSubscriptionId}\t${mapping.mappedTenantId ?? COPY_NULL}\t${copyBool(mapping.unregisteredTenant)}\t${copyBool(mapping.providerUsage)}\t`,
      );
    }
    let detail = instanceDetails[instance.id];
    if (detail === undefined) {
      const { location, additionalInfo, tags } = usage.record;
      detail = instanceDetails[instance.id] = copyPiece(`\t${location === null ? COPY_NULL : copyText(location)}\t${copyJson(additionalInfo)}\t${copyJson(tags)}\t`);
    }

    // Quantities are validated decimal text (digits, point, sign, exponent): ASCII, nothing to escape.
    out.piece(head);
    out.piece(times);
    out.ascii(usage.record.quantity);
    out.piece(detail);
    out.piece(mapped);
    const commerce = seriesCommerce[series.id];
    if (commerce === null) {
      out.piece(NOT_BILLED);
    } else {
      out.piece(commerce);
      out.ascii(usage.commerceQuantity);
    }
    out.piece(hourTails[hour.id]);
    return true;
  }

  return {
    encodeInto,
    get encoded() {
      return mapper.accepted;
    },
    superseded: mapper.superseded,
    rejections: () => mapper.rejections(),
  };
}
