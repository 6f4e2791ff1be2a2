// The lint config's import boundaries (tools/eslint/stackcenter-plugin.mjs), shown failing on
// deliberate violations and passing on the allowed forms, through ESLint's own API and the
// project's eslint.config.mjs: what `npm test` (npm run lint) and CI enforce.
import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..");
const eslint = new ESLint({ cwd: ROOT });

async function boundaryErrors(code: string, file: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return result.messages.filter((message) => message.ruleId === "stackcenter/import-boundaries").map((message) => message.message);
}

describe("import boundaries", () => {
  it("refuses lib/ importing app/ or components/", async () => {
    expect(await boundaryErrors(`import { GET } from "@/app/api/health/route";\nexport const x = GET;\n`, "lib/recon/example.ts")).toEqual([
      expect.stringContaining("lib/ must not import app/api/health/route.ts"),
    ]);
    expect(await boundaryErrors(`import { Card } from "../../components/ui/card";\nexport const x = Card;\n`, "lib/recon/example.ts")).toEqual([
      expect.stringContaining("lib/ must not import components/ui/card.tsx"),
    ]);
  });

  it("refuses components/ importing a server-only module, but not its types", async () => {
    const code = `import { getPeriodTotals } from "@/lib/billing/billing-overview";\nexport const x = getPeriodTotals;\n`;
    expect(await boundaryErrors(code, "components/billing/example.tsx")).toEqual([expect.stringContaining("a server-only module")]);
    expect(
      await boundaryErrors(`import type { PartnerScope } from "@/lib/auth/partner-scope";\nexport type X = PartnerScope;\n`, "components/billing/example.tsx"),
    ).toEqual([]);
    expect(
      await boundaryErrors(`import { RECON_COLUMNS } from "@/lib/recon/recon-line";\nexport const x = RECON_COLUMNS;\n`, "components/billing/example.tsx"),
    ).toEqual([]);
  });

  it("refuses a domain/ folder importing its sibling wire/ folder, not the reverse", async () => {
    const code = `import { copyPiece } from "../wire/copy-line-writer";\nexport const x = copyPiece;\n`;
    expect(await boundaryErrors(code, "lib/usage/ingest/domain/example.ts")).toEqual([expect.stringContaining("is wire (bytes) code")]);
    const reverse = `import { createUsageMapper } from "../domain/create-usage-mapper";\nexport const x = createUsageMapper;\n`;
    expect(await boundaryErrors(reverse, "lib/usage/ingest/wire/example.ts")).toEqual([]);
  });

  it("refuses another domain's internal/ files", async () => {
    expect(await boundaryErrors(`import { x } from "../usage/internal/thing";\nexport const y = x;\n`, "lib/recon/example.ts")).toEqual([
      expect.stringContaining("is internal to its domain"),
    ]);
  });
});
