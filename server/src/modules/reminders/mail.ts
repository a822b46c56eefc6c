import { createHash } from 'node:crypto';
import nodemailer from 'nodemailer';
import { loadConfig } from '../../config.js';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /** Deterministic: the same on every attempt of the same reminder. */
  messageId: string;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
}

/** `<sha256(key)[0..32]@domain-of-from>`: one reminder, one Message-ID, on every attempt. */
export function messageIdFor(key: string, from: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'trienkhai.invalid';
  return `<${createHash('sha256').update(key).digest('hex').slice(0, 32)}@${domain}>`;
}

/** nodemailer over SMTP (TRIENKHAI_SMTP_URL); timeouts keep a job's transaction short. */
export function smtpMailer(url: string, from: string): Mailer {
  const transport = nodemailer.createTransport(url, {
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  } as never);
  return {
    async send(mail) {
      await transport.sendMail({
        from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        messageId: mail.messageId,
      });
    },
  };
}

let override: { mailer: Mailer | null; from: string } | undefined;
let fromEnv: { mailer: Mailer | null; from: string } | undefined;

/** The mailer of this process: a test's, or the one the environment configures (null: no SMTP). */
export function currentMailer(): { mailer: Mailer | null; from: string } {
  if (override) return override;
  if (!fromEnv) {
    const config = loadConfig();
    fromEnv = { mailer: config.smtpUrl ? smtpMailer(config.smtpUrl, config.mailFrom) : null, from: config.mailFrom };
  }
  return fromEnv;
}

/** Tests (and the demo) choose the mailer; `undefined` returns to the environment's. */
export function setMailer(value: { mailer: Mailer | null; from?: string } | undefined): void {
  override = value ? { mailer: value.mailer, from: value.from ?? 'Triển Khai <trienkhai@localhost>' } : undefined;
}
