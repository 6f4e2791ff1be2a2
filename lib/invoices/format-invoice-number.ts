// An invoice number from the billing partner's format: {year} and {seq:N} (the sequence zero-padded
// to N digits; {seq} unpadded), e.g. "NW-{year}-{seq:6}" → NW-2026-000123. Pure: the close, the
// settings form's preview and tests share it.
export const INVOICE_NUMBER_PATTERN = /\{seq(?::(\d{1,2}))?\}/;

export function formatInvoiceNumber(format: string, year: number, sequence: number): string {
  return format
    .replace(/\{year\}/g, String(year))
    .replace(/\{seq(?::(\d{1,2}))?\}/g, (_match, width: string | undefined) => String(sequence).padStart(Number(width ?? 0), "0"));
}
