// A real SMTP server in the test process (smtp-server), keeping what it received, parsed (mailparser).
// `failNext(n)` answers the next n messages with a temporary failure (451), as a struggling server would.
import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

export type Received = { to: string; subject: string; text: string; header: (name: string) => string | undefined };

/** A header's raw value, unfolded (mailparser parses some headers into objects). */
function headerValue(mail: ParsedMail, name: string): string | undefined {
  const line = mail.headerLines.find((h) => h.key === name.toLowerCase())?.line;
  return line
    ?.slice(line.indexOf(":") + 1)
    .replace(/\r?\n\s+/g, " ")
    .trim();
}

export async function startSmtpServer() {
  const received: Received[] = [];
  let failures = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        if (failures > 0) {
          failures--;
          const error = Object.assign(new Error("Temporary local problem, try again later"), { responseCode: 451 });
          return callback(error);
        }
        simpleParser(Buffer.concat(chunks))
          .then((mail) => {
            received.push({
              to: session.envelope.rcptTo.map((r) => r.address).join(","),
              subject: mail.subject ?? "",
              text: mail.text ?? "",
              header: (name: string) => headerValue(mail, name),
            });
            callback();
          })
          .catch(callback);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    to: (address: string) => received.filter((m) => m.to === address),
    failNext: (n: number) => void (failures = n),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
