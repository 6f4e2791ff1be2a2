import "server-only";
// The nodemailer transport for the configured SMTP server (smtp-settings.ts), with the timeouts
// every portal e-mail uses: invoices and alerts send through it.
import nodemailer from "nodemailer";
import type { SmtpSettings } from "./smtp-settings";

export function createSmtpTransport(settings: SmtpSettings) {
  return nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    auth: settings.auth ?? undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
}
