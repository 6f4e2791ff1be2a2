// Countries (ISO 3166-1 alpha-2) where CSP partners transact; names come from Intl at render time.
const CODES = [
  "AE", "AR", "AT", "AU", "BE", "BG", "BR", "CA", "CH", "CL", "CO", "CZ", "DE", "DK", "EE", "EG", "ES",
  "FI", "FR", "GB", "GR", "HK", "HR", "HU", "ID", "IE", "IL", "IN", "IS", "IT", "JP", "KE", "KR", "LT",
  "LU", "LV", "MX", "MY", "NG", "NL", "NO", "NZ", "PE", "PH", "PL", "PT", "QA", "RO", "RS", "SA", "SE",
  "SG", "SI", "SK", "TH", "TR", "TW", "UA", "US", "VN", "ZA",
] as const;

const names = new Intl.DisplayNames(["en"], { type: "region" });

export const CSP_MARKETS: { code: string; name: string }[] = CODES.map((code) => ({
  code,
  name: names.of(code) ?? code,
})).sort((a, b) => a.name.localeCompare(b.name));

export function countryName(code: string): string {
  return names.of(code) ?? code;
}
