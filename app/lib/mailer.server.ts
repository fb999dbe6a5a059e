// The one SMTP transport (nodemailer). Configured from SMTP_URL, e.g. smtp://user:pass@host:587
// (STARTTLS when the server offers it) or smtps://host:465. Timeouts are short: the outbox retries.
import nodemailer, { type Transporter } from "nodemailer";

export type OutgoingEmail = { to: string; subject: string; text: string; headers?: Record<string, string> };
export type Mailer = { send: (email: OutgoingEmail) => Promise<void>; close: () => void };

export function createMailer(options: { url: string; from: string }): Mailer {
  const transport: Transporter = nodemailer.createTransport(options.url, {
    from: options.from,
  });
  // Connection and greeting timeouts are not part of the URL syntax.
  Object.assign((transport as unknown as { options: Record<string, unknown> }).options, {
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  return {
    send: async (email) => {
      await transport.sendMail({ to: email.to, subject: email.subject, text: email.text, headers: email.headers });
    },
    close: () => transport.close(),
  };
}
