// UsageRejection rows for a batch, in one statement. No "server-only": runs inside the ingest transaction.
import type { RawSql } from "../database/open-database";
import { JSON_LONE_SURROGATE_ESCAPE, JSON_NUL_ESCAPE } from "./ingest/domain/parse-usage-record";
import type { UsageRecordList } from "./ingest/wire/usage-record-list";

/** Stored payloads are capped so a flood of huge bad records can't bloat the log. */
export const MAX_STORED_REJECTED_RECORD_CHARS = 4_096;

export function cappedRecordJson(raw: unknown): string | null {
  let text: string | undefined;
  try {
    text = JSON.stringify(raw);
  } catch {
    return null;
  }
  if (text === undefined) return null;
  if (text.length > MAX_STORED_REJECTED_RECORD_CHARS) {
    text = JSON.stringify({ truncated: true, length: text.length, preview: text.slice(0, MAX_STORED_REJECTED_RECORD_CHARS) });
  }
  return storableInJsonb(text);
}

/**
 * jsonb refuses NUL and unpaired surrogates (a bad record may hold either, and cutting the preview
 * can split a pair): a refused record is still logged, with U+FFFD, the replacement character.
 */
function storableInJsonb(json: string): string {
  return json.replace(JSON_NUL_ESCAPE, "$1\\ufffd").replace(JSON_LONE_SURROGATE_ESCAPE, "$1\\ufffd");
}

/** The reason quotes what was sent (e.g. a meter id): PostgreSQL text can't hold NUL. */
const storableReason = (reason: string) => reason.replaceAll("\0", "\ufffd");

export async function storeRejections(
  sql: Pick<RawSql, "query">,
  batchId: string,
  registrationId: string,
  rejections: readonly { index: number; code: string; reason: string }[],
  records: UsageRecordList,
): Promise<void> {
  if (rejections.length === 0) return;
  await sql.query(
    `INSERT INTO "UsageRejection" ("batchId", "registrationId", "recordIndex", "code", "reason", "record")
     SELECT $1, $2, u.* FROM unnest($3::int[], $4::text[], $5::text[], $6::jsonb[]) AS u`,
    [
      batchId,
      registrationId,
      rejections.map((r) => r.index),
      rejections.map((r) => r.code),
      rejections.map((r) => storableReason(r.reason)),
      rejections.map((r) => cappedRecordJson(records.at(r.index))),
    ],
  );
}
