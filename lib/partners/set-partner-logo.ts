import "server-only";
// Sets the signed-in partner's own logo (Settings → Organization, an admin agent), audited with its
// type, size and SHA-256 (never the bytes). The bytes must be what the declared type says: PNG and
// JPEG by their signatures, SVG as UTF-8 text whose root element is <svg>. An SVG is only ever
// shown through <img> and served with a CSP that runs nothing (get-partner-logo-response.ts).
import { createHash } from "node:crypto";
import { getPrisma } from "../db";
import type { PartnerScope } from "../auth/partner-scope";
import { recordAuditEvent } from "../audit/record-audit-event";
import { DomainError, forbidden } from "../errors";
import { PARTNER_LOGO_ERROR_CODES, PARTNER_LOGO_MAX_BYTES, type PartnerLogoType, type SetPartnerLogoInput } from "./partner-logo-schemas";

const invalid = (message: string) => new DomainError(PARTNER_LOGO_ERROR_CODES.InvalidLogo, message, { fields: { logo: message } });

function sniff(bytes: Buffer): PartnerLogoType | null {
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return "image/png";
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "image/jpeg";
  const text = bytes.toString("utf8").replace(/^\uFEFF/, "");
  // The prolog may hold an XML declaration, comments and a doctype; then the root must be <svg.
  const root = text.replace(/^\s*(<\?xml[\s\S]*?\?>\s*)?((<!--[\s\S]*?-->|<!DOCTYPE[^>]*>)\s*)*/i, "");
  return /^<svg[\s>]/i.test(root) ? "image/svg+xml" : null;
}

export async function setPartnerLogo(
  scope: PartnerScope,
  input: SetPartnerLogoInput,
): Promise<{ partnerId: string; contentType: string; bytes: number; sha256: string }> {
  if (scope.partnerId === null) throw forbidden("Operators have no partner organisation.");
  const partnerId = scope.partnerId;
  const bytes = Buffer.from(input.dataBase64, "base64");
  if (bytes.length === 0) throw invalid("Choose an image file.");
  if (bytes.length > PARTNER_LOGO_MAX_BYTES) throw invalid("The logo must be at most 100 KB.");
  const sniffed = sniff(bytes);
  if (sniffed === null) throw invalid("This file is not a PNG, SVG or JPEG image.");
  if (sniffed !== input.contentType) throw invalid(`This file is ${sniffed}, not ${input.contentType}: choose the file again.`);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    const before = await tx.partnerLogo.findUnique({ where: { partnerId }, select: { contentType: true, sha256: true, bytes: true } });
    await tx.partnerLogo.upsert({
      where: { partnerId },
      create: { partnerId, contentType: sniffed, bytes, sha256 },
      update: { contentType: sniffed, bytes, sha256 },
      select: { partnerId: true },
    });
    await recordAuditEvent(tx, scope, {
      action: "partner.setLogo",
      targetType: "Partner",
      targetId: partnerId,
      partnerId,
      before: before ? { contentType: before.contentType, bytes: before.bytes.length, sha256: before.sha256 } : undefined,
      after: { contentType: sniffed, bytes: bytes.length, sha256 },
    });
    return { partnerId, contentType: sniffed, bytes: bytes.length, sha256 };
  });
}
