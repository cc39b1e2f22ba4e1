import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  messageId: string;
}

/**
 * A real SMTP server on 127.0.0.1 (the `smtp-server` package) that keeps every message it accepts,
 * parsed (`mailparser`). `holdMs` delays the answer to MAIL FROM, so a test can kill a sender
 * while its message is in flight but not yet handed over.
 */
export async function startSmtpServer(opts: { holdMs?: () => number } = {}) {
  const mails: ReceivedMail[] = [];
  /** MAIL FROM commands seen: a sender has started handing a message over. */
  let mailFroms = 0;
  let onMail: (() => void) | undefined;
  let onMailFrom: (() => void) | undefined;
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    onMailFrom(_address, _session, callback) {
      mailFroms++;
      onMailFrom?.();
      const hold = opts.holdMs?.() ?? 0;
      setTimeout(() => callback(), hold);
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((m) => {
          mails.push({
            from: m.from?.text ?? '',
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: m.subject ?? '',
            text: m.text ?? '',
            messageId: m.messageId ?? '',
          });
          onMail?.();
          callback();
        })
        .catch(callback);
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.server.address() as AddressInfo).port,
    mails,
    mailFroms: () => mailFroms,
    nextMailFrom: () => new Promise<void>((r) => (onMailFrom = r)),
    nextMail: () => new Promise<void>((r) => (onMail = r)),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
