import { z } from 'zod';
import { EscalationActionName } from '../definitions/vocabulary';

/**
 * What an escalation step leaves behind, one row of `escalation_records` per step: the text that was
 * (or is being) sent and, for the actions that produce one, the document or register entry. Written
 * once per idempotency key; `delivery` is filled in when the channel has accepted it.
 */
/** The units a collected step gathered into this one action (one 通报 for the run, 行业集中约谈), each with its overdue item; the sector when collected by sector. */
export const CollectedUnits = z.object({
  sector: z.string().optional(),
  sectorName: z.string().optional(),
  units: z.array(z.object({ unitId: z.string(), unitName: z.string(), itemId: z.string(), itemTitle: z.string() })),
});
const collected = { collected: CollectedUnits.optional() };

export const EscalationRecordDetails = z.discriminatedUnion('kind', [
  /** Reminder, letter, warning, accountability, sanctions: the message is the whole record. */
  z.object({ kind: z.literal('message'), ...collected }),
  /** 通报: a document with a title, dated on the planned day. */
  z.object({ kind: z.literal('notice'), title: z.string(), issuedOn: z.string(), document: z.string(), ...collected }),
  /** 约谈: with whom and when it is proposed to take place. */
  z.object({
    kind: z.literal('interview'),
    ...collected,
    interviewee: z.string(),
    /** ISO instant of the proposed time. */
    proposedAt: z.string(),
    /** The same in Beijing words, e.g. `2026年10月10日（星期六）09:30`. */
    proposedAtText: z.string(),
  }),
  /** 挂牌督办: listed from the planned day until the item is closed. */
  z.object({
    kind: z.literal('supervision'),
    ...collected,
    listedOn: z.string(),
    trackEvery: z.object({ days: z.number(), unit: z.string() }).optional(),
  }),
  /** 曝光: an entry of the public exposure list. */
  z.object({
    kind: z.literal('exposure'),
    channel: z.string(),
    text: z.string(),
    /** Withdrawn from the list once its item is settled (the step's `withdrawWhenClosed`); absent in records kept before it existed. */
    withdrawWhenClosed: z.boolean().optional(),
    ...collected,
  }),
]);
export type EscalationRecordDetails = z.infer<typeof EscalationRecordDetails>;

export const EscalationRecord = z.object({
  /** `<action>-<32 hex digits of sha256(idempotencyKey)>`: names the record without showing the key. */
  id: z.string(),
  idempotencyKey: z.string(),
  action: z.enum(EscalationActionName),
  workflowId: z.string(),
  ladderId: z.string(),
  stepIndex: z.number().int(),
  campaign: z.object({ id: z.string(), version: z.string(), title: z.string(), authority: z.string(), jurisdiction: z.string() }),
  item: z.object({
    kind: z.string(),
    id: z.string(),
    title: z.string(),
    unitId: z.string(),
    unitName: z.string(),
    dueOn: z.string(),
  }),
  plannedAt: z.string(),
  recipient: z.string(),
  message: z.string(),
  details: EscalationRecordDetails,
  /** When the record was first kept (activity time). */
  keptAt: z.string(),
  /** Set once the delivery channel accepted the message. */
  delivery: z.object({ channel: z.string(), deliveredAt: z.string() }).optional(),
});
export type EscalationRecord = z.infer<typeof EscalationRecord>;
