import { z } from 'zod';
import { IsoDate, Name, QueryBool, Text } from '../../platform/schemas.js';
import { FollowupSettings } from './settings.js';

export const SettingsView = z.object({
  planId: z.string(),
  settings: FollowupSettings,
  /** True when the plan has no settings of its own (the defaults apply). */
  isDefault: z.boolean(),
  defaults: FollowupSettings,
  version: z.number().int(),
  actions: z.array(z.string()),
});

export const SettingsBody = z.object({ settings: FollowupSettings, version: z.number().int().min(1) }).strict();

export const NotificationQuery = z.object({
  unread: QueryBool,
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const NotificationView = z.object({
  id: z.string(),
  kind: z.string(),
  params: z.record(z.string(), z.string()),
  link: z.string().nullable(),
  obligationId: z.string().nullable(),
  letterId: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});

export const NotificationList = z.object({
  items: z.array(NotificationView),
  total: z.number().int(),
  unread: z.number().int(),
});

export const ReminderView = z.object({
  id: z.string(),
  step: z.enum(['remind', 'follow_up', 'explain', 'letter_issued']),
  deadline: z.string(),
  channel: z.enum(['in_app', 'email']),
  outcome: z.enum(['pending', 'sent', 'failed', 'skipped']),
  error: z.string().nullable(),
  recipient: z.object({ id: z.string().nullable(), name: z.string().nullable(), email: z.string().nullable() }),
  attempts: z.number().int(),
  letterId: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
export const ReminderList = z.object({ items: z.array(ReminderView) });

const Recipient = z.object({ text: Name(500), purpose: Name(100).optional() }).strict();

/** The fields the receiving level edits before signing. */
export const LetterFields = z
  .object({
    superiorBody: Name(300).nullable(),
    issuer: Name(300),
    typeCode: z.string().regex(/^[A-ZĐ]{1,6}$/u),
    issuerCode: z.string().regex(/^[A-ZĐ0-9]{1,20}$/u),
    place: Name(100),
    subject: Name(1000),
    addressees: z.array(Name(500)).min(1).max(50),
    paragraphs: z
      .array(Text(10_000).refine((s) => s.trim() !== '', 'blank'))
      .min(1)
      .max(100),
    recipients: z.array(Recipient).max(50),
    archive: Name(200),
    signerAuthority: Name(200).nullable(),
    signerTitle: Name(200),
    signerName: Name(200).nullable(),
  })
  .strict();

export const LetterBody = LetterFields.extend({ version: z.number().int().min(1) }).strict();
export const IssueBody = z
  .object({ number: z.string().regex(/^\d{1,6}$/), issuedOn: IsoDate, version: z.number().int().min(1) })
  .strict();

export const LetterView = LetterFields.extend({
  id: z.string(),
  obligationId: z.string(),
  deadline: z.string(),
  status: z.enum(['draft', 'issued']),
  number: z.string().nullable(),
  issuedOn: z.string().nullable(),
  issuedAt: z.string().nullable(),
  version: z.number().int(),
  unitName: z.string(),
  planId: z.string(),
  planTitle: z.string(),
  periodKey: z.string(),
  actions: z.array(z.string()),
});
