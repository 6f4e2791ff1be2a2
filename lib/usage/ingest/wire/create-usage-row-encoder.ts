// Mapped usage (../domain/create-usage-mapper.ts) as lines of PostgreSQL's COPY text format, written
// as bytes (copy-line-writer.ts). A line is made of pieces that repeat from record to record — a
// series' key, subscription, meter and URI; an hour's times and commerce day; a subscription's
// mapping; an instanceData's location, additionalInfo and tags — so each piece is encoded to UTF-8
// once per batch, kept in an array under the id the mapper gave its subject, and copied; only the
// quantities are written per record. Pure (no "server-only"): the benchmark encodes its raw-COPY
// ceiling rows with it.
import { COPY_NULL, copyBool, copyJson, copyText } from "../../../database/sql-text";
import { copyPiece, type CopyLineWriter, type CopyPiece } from "./copy-line-writer";
import { createUsageMapper, type UsageHour, type UsageRejection, type UsageSeries } from "../domain/create-usage-mapper";
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

/** A series' pieces: its leading fields, its subscription's mapped fields, its commerce meter. */
interface SeriesPieces {
  /** "seriesKey \t local subscription \t local meter \t resource URI \t" */
  head: CopyPiece;
  /** "azure subscription \t mapped tenant \t unregistered \t provider usage \t" */
  mapped: CopyPiece;
  /** "commerce meter \t" (its quantity follows), or null when Microsoft doesn't bill the meter. */
  commerce: CopyPiece | null;
}

/** An hour's pieces: "usageStart \t usageEnd \t" and "\t usageDate (re-dated when late) \t redated \n". */
interface HourPieces {
  times: CopyPiece;
  tail: CopyPiece;
}

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
  // Encoded pieces by the id of what they encode: one array read per series, hour and instanceData.
  const seriesPieces: SeriesPieces[] = [];
  const hourPieces: HourPieces[] = [];
  /** "\t location \t additionalInfo \t tags \t" by instanceData */
  const instanceDetails: CopyPiece[] = [];
  /** "azure subscription \t mapped tenant \t unregistered \t provider usage \t" by local subscription */
  const subscriptionFields: CopyPiece[] = [];

  function encodeSeries(series: UsageSeries): SeriesPieces {
    const { subscription } = series;
    let mapped = subscriptionFields[subscription.id];
    if (mapped === undefined) {
      const { mapping } = subscription;
      mapped = subscriptionFields[subscription.id] = copyPiece(
        `${mapping.azureSubscriptionId}\t${mapping.mappedTenantId ?? COPY_NULL}\t${copyBool(mapping.unregisteredTenant)}\t${copyBool(mapping.providerUsage)}\t`,
      );
    }
    return {
      head: copyPiece(`${series.seriesKey}\t${copyText(subscription.localSubscriptionId)}\t${series.localMeterId}\t${copyText(series.resourceUri)}\t`),
      mapped,
      commerce: series.commerceMeterId === null ? null : copyPiece(`${series.commerceMeterId}\t`),
    };
  }

  function encodeHour(hour: UsageHour): HourPieces {
    return {
      times: copyPiece(`${new Date(hour.startMs).toISOString()}\t${new Date(hour.endMs).toISOString()}\t`),
      tail: copyPiece(`\t${hour.usageDate}\t${copyBool(hour.redated)}\n`),
    };
  }

  function encodeInto(record: unknown, index: number, out: CopyLineWriter): boolean {
    const usage = mapper.map(record, index);
    if (usage === null) return false;
    const series = (seriesPieces[usage.series.id] ??= encodeSeries(usage.series));
    const hour = (hourPieces[usage.hour.id] ??= encodeHour(usage.hour));
    let detail = instanceDetails[usage.instance.id];
    if (detail === undefined) {
      const { location, additionalInfo, tags } = usage.record;
      detail = instanceDetails[usage.instance.id] = copyPiece(
        `\t${location === null ? COPY_NULL : copyText(location)}\t${copyJson(additionalInfo)}\t${copyJson(tags)}\t`,
      );
    }

    // Quantities are validated decimal text (digits, point, sign, exponent): ASCII, nothing to escape.
    out.piece(series.head);
    out.piece(hour.times);
    out.ascii(usage.record.quantity);
    out.piece(detail);
    out.piece(series.mapped);
    if (series.commerce === null) {
      out.piece(NOT_BILLED);
    } else {
      out.piece(series.commerce);
      out.ascii(usage.commerceQuantity);
    }
    out.piece(hour.tail);
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
