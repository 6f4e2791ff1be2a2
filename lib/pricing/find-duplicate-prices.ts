// Rows of one version that price the same meter, market, tier and start day: rating needs exactly
// one price for each, so such a file is refused. Done in SQL over the staged rows, because a key
// set in memory would grow with the file.
import type { RawSql } from "../database/open-database";
import { PRICE_COLUMNS } from "./price-list-columns";
import type { PriceRowProblem } from "./parse-price-row";
import { MAX_REPORTED_PROBLEMS } from "./read-price-csv";

interface DuplicateGroup {
  market: string;
  meterId: string;
  tier: string;
  start: string;
  lines: number[];
  total: string | number;
}

export async function findDuplicatePrices(sql: RawSql, versionId: string): Promise<{ problems: PriceRowProblem[]; problemCount: number }> {
  const { rows } = await sql.query<DuplicateGroup>(
    `SELECT "market", "meterId"::text AS "meterId", "tierMin"::text AS tier, to_char("effectiveStartDate", 'YYYY-MM-DD') AS start,
            array_agg("sourceLine" ORDER BY "sourceLine") AS lines, sum(count(*) - 1) OVER () AS total
       FROM "PriceListItem" WHERE "versionId" = $1
      GROUP BY "market", "meterId", "tierMin", "effectiveStartDate"
     HAVING count(*) > 1
      ORDER BY min("sourceLine")
      LIMIT ${MAX_REPORTED_PROBLEMS}`,
    [versionId],
  );
  const problems: PriceRowProblem[] = [];
  for (const group of rows) {
    const [first, ...others] = group.lines;
    for (const line of others) {
      problems.push({
        line,
        column: PRICE_COLUMNS.meterIds.header,
        reason: `Duplicate of line ${first}: meter ${group.meterId} in market ${group.market} from tier ${group.tier} on ${group.start} is priced twice.`,
      });
    }
  }
  problems.sort((a, b) => a.line - b.line);
  return { problems: problems.slice(0, MAX_REPORTED_PROBLEMS), problemCount: rows.length > 0 ? Number(rows[0].total) : 0 };
}
