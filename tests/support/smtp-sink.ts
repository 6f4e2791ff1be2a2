// An in-process SMTP server (smtp-server) that keeps every message it receives, parsed (mailparser),
// for the invoice e-mail tests and the e2e server. Plain SMTP on 127.0.0.1, no TLS, any sender.
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { simpleParser, type ParsedMail } from "mailparser";

export interface SmtpSink {
  port: number;
  messages: ParsedMail[];
  /** SMTP_* settings pointing at the sink. */
  env: Record<string, string>;
  close(): Promise<void>;
}

export async function startSmtpSink(options: { port?: number; onMessage?: (mail: ParsedMail) => void } = {}): Promise<SmtpSink> {
  const messages: ParsedMail[] = [];
  const server = new SMTPServer({
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          messages.push(mail);
          options.onMessage?.(mail);
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    messages,
    env: { SMTP_HOST: "127.0.0.1", SMTP_PORT: String(port), SMTP_FROM: "Invoices <invoices@portal.test>" },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
