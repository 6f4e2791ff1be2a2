// The name part of a download's file name (recon_<slug>_…, audit_<slug>_…, statement_<slug>_…):
// lowercase letters and digits, runs of anything else as one "-", none at either end. Pure.
export function fileNameSlug(name: string, fallback: string, maxLength = Infinity): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return slug.slice(0, maxLength) || fallback;
}
