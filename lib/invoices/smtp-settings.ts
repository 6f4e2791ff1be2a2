// The SMTP server invoices are sent through, from the environment: SMTP_HOST and SMTP_FROM are
// required (without them sending is disabled and the invoice page says so); SMTP_PORT (default
// 587; 465 = implicit TLS), SMTP_USER and SMTP_PASSWORD (both or neither). Pure: no "server-only",
// the page's notice and tests read it too.
export interface SmtpSettings {
  host: string;
  port: number;
  secure: boolean;
  auth: { user: string; pass: string } | null;
  from: string;
}

export const SMTP_DISABLED_NOTICE = "Sending invoices is disabled: no SMTP server is configured (set SMTP_HOST and SMTP_FROM, see the README).";

export function smtpSettings(env: Record<string, string | undefined> = process.env): SmtpSettings | null {
  const host = env.SMTP_HOST?.trim();
  const from = env.SMTP_FROM?.trim();
  if (!host || !from) return null;
  const port = Number(env.SMTP_PORT ?? "587");
  const user = env.SMTP_USER?.trim();
  return {
    host,
    port: Number.isInteger(port) && port > 0 && port < 65536 ? port : 587,
    secure: port === 465,
    auth: user ? { user, pass: env.SMTP_PASSWORD ?? "" } : null,
    from,
  };
}
