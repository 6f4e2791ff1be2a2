import "server-only";
// An invoice as PDF (pdf-lib, pure JavaScript: no browser, no font files). The document's dates are
// the invoice's own (issued at the close), so rendering the same invoice twice gives the same bytes;
// the close stores them and every download serves the stored bytes.
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFImage, type PDFPage } from "pdf-lib";
import type Decimal from "decimal.js";

export interface InvoiceParty {
  legalName: string;
  address: string;
  taxId: string;
}

export interface InvoicePdfInput {
  number: string;
  period: string;
  issueDate: string;
  dueDate: string;
  currency: string;
  billFrom: InvoiceParty;
  billTo: InvoiceParty;
  logo: { bytes: Uint8Array; mimeType: string } | null;
  lines: { description: string; quantity: Decimal | null; unit: string | null; unitPrice: Decimal | null; amount: Decimal; refPeriod: string | null }[];
  subtotal: Decimal;
  taxRatePercent: Decimal;
  taxAmount: Decimal;
  total: Decimal;
  reverseCharge: boolean;
  issuedAt: Date;
}

export const REVERSE_CHARGE_NOTE = "Reverse charge: VAT to be accounted for by the recipient (Article 196, Council Directive 2006/112/EC).";

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 48;

/** The standard fonts encode WinAnsi only: anything else is replaced rather than failing the close. */
function printable(font: PDFFont, text: string): string {
  const allowed = new Set(font.getCharacterSet());
  return [...text.replace(/[\r\n\t]+/g, " ")].map((char) => (allowed.has(char.codePointAt(0) ?? 0) ? char : "?")).join("");
}

export async function renderInvoicePdf(input: InvoicePdfInput): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(`Invoice ${input.number}`);
  pdf.setAuthor(input.billFrom.legalName);
  pdf.setProducer("Stackcenter");
  pdf.setCreator("Stackcenter");
  pdf.setCreationDate(input.issuedAt);
  pdf.setModificationDate(input.issuedAt);
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  let logo: PDFImage | null = null;
  if (input.logo) logo = input.logo.mimeType === "image/png" ? await pdf.embedPng(input.logo.bytes) : await pdf.embedJpg(input.logo.bytes);

  let page: PDFPage = pdf.addPage(A4);
  let y = A4[1] - MARGIN;
  const text = (value: string, x: number, options: { size?: number; font?: PDFFont; right?: boolean } = {}) => {
    const font = options.font ?? regular;
    const size = options.size ?? 9;
    const safe = printable(font, value);
    const width = font.widthOfTextAtSize(safe, size);
    page.drawText(safe, { x: options.right ? x - width : x, y, size, font, color: rgb(0.1, 0.1, 0.1) });
  };
  const newLineIfNeeded = (needed: number) => {
    if (y - needed >= MARGIN) return;
    page = pdf.addPage(A4);
    y = A4[1] - MARGIN;
  };

  if (logo) {
    const scaled = logo.scaleToFit(140, 48);
    page.drawImage(logo, { x: MARGIN, y: y - scaled.height, width: scaled.width, height: scaled.height });
  }
  text("INVOICE", A4[0] - MARGIN, { size: 18, font: bold, right: true });
  y -= 20;
  text(input.number, A4[0] - MARGIN, { size: 11, font: bold, right: true });
  y -= 34;

  const party = (title: string, who: InvoiceParty, x: number) => {
    const rows = [who.legalName, ...who.address.split(/\r?\n/).filter(Boolean), who.taxId ? `Tax ID: ${who.taxId}` : ""].filter(Boolean);
    let row = y;
    page.drawText(printable(bold, title), { x, y: row, size: 9, font: bold });
    for (const value of rows) {
      row -= 12;
      page.drawText(printable(regular, value), { x, y: row, size: 9, font: regular });
    }
    return rows.length;
  };
  const height = Math.max(party("Bill from", input.billFrom, MARGIN), party("Bill to", input.billTo, 300));
  y -= 12 * height + 24;
  for (const [label, value] of [
    ["Invoice number", input.number],
    ["Billing period", input.period],
    ["Issue date", input.issueDate],
    ["Due date", input.dueDate],
    ["Currency", input.currency],
  ]) {
    text(label, MARGIN, { font: bold });
    text(value, MARGIN + 100);
    y -= 12;
  }
  y -= 14;

  const columns = { description: MARGIN, quantity: 350, unitPrice: 440, amount: A4[0] - MARGIN };
  const header = () => {
    text("Description", columns.description, { font: bold });
    text("Quantity", columns.quantity, { font: bold, right: true });
    text("Unit price", columns.unitPrice, { font: bold, right: true });
    text(`Amount (${input.currency})`, columns.amount, { font: bold, right: true });
    y -= 4;
    page.drawLine({ start: { x: MARGIN, y }, end: { x: A4[0] - MARGIN, y }, thickness: 0.5 });
    y -= 12;
  };
  header();
  for (const line of input.lines) {
    newLineIfNeeded(14);
    const description = line.refPeriod ? `${line.description} (adjusts ${line.refPeriod})` : line.description;
    text(description.length > 58 ? `${description.slice(0, 57)}...` : description, columns.description);
    if (line.quantity) text(`${line.quantity.toDecimalPlaces(4).toFixed()}${line.unit ? ` ${line.unit}` : ""}`, columns.quantity, { right: true });
    if (line.unitPrice) text(line.unitPrice.toDecimalPlaces(10).toFixed(), columns.unitPrice, { right: true });
    text(line.amount.toFixed(2), columns.amount, { right: true });
    y -= 12;
  }
  newLineIfNeeded(80);
  y -= 4;
  page.drawLine({ start: { x: 300, y: y + 8 }, end: { x: A4[0] - MARGIN, y: y + 8 }, thickness: 0.5 });
  for (const [label, value, font] of [
    ["Subtotal", input.subtotal.toFixed(2), regular],
    [`Tax (${input.taxRatePercent.toFixed()} %)`, input.taxAmount.toFixed(2), regular],
    [`Total (${input.currency})`, input.total.toFixed(2), bold],
  ] as const) {
    text(label, 300, { font });
    text(value, columns.amount, { font, right: true });
    y -= 13;
  }
  if (input.reverseCharge) {
    y -= 10;
    newLineIfNeeded(14);
    text(REVERSE_CHARGE_NOTE, MARGIN, { size: 8 });
  }
  return pdf.save({ useObjectStreams: false });
}
