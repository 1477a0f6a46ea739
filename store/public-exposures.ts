/**
 * The public exposure list (曝光台): every delivered 曝光 step (the escalation record store enters
 * it when the delivery is noted), until an operator withdraws it (撤下) with a reason. A withdrawn
 * entry leaves the public list and stays in the table, with who withdrew it, when and why.
 */
import type { Selectable } from 'kysely';
import type { EngineDatabase, PublicExposuresTable } from './database';

/** One entry of the public exposure list, as the API serves it. */
export interface PublicExposure {
  /** Record id of the exposure step. */
  id: string;
  campaignId: string;
  /** Campaign title. */
  campaign: string;
  jurisdiction: string;
  /** Responsible unit (责任单位), by name. */
  unit: string;
  /** What is overdue, in words. */
  item: string;
  /** `YYYY-MM-DD`, the missed deadline. */
  dueOn: string;
  /** ISO instant the exposure was published. */
  exposedAt: string;
  /** `media`, `government-website` or `briefing`, as the ladder step says. */
  channel: string;
  /** The published text. */
  text: string;
  withdrawal: { at: string; by: string; reason: string } | null;
}

function exposureOf(row: Selectable<PublicExposuresTable>): PublicExposure {
  return {
    id: row.record_id,
    campaignId: row.campaign_id,
    campaign: row.campaign_title,
    jurisdiction: row.jurisdiction,
    unit: row.unit_name,
    item: row.item_title,
    dueOn: row.due_on,
    exposedAt: row.exposed_at.toISOString(),
    channel: row.channel,
    text: row.text,
    withdrawal: row.withdrawn_at ? { at: row.withdrawn_at.toISOString(), by: row.withdrawn_by ?? '', reason: row.withdrawal_reason ?? '' } : null,
  };
}

export interface PublicExposureStore {
  /** The entries still published, oldest first. */
  listPublished(filter?: { campaignId?: string }): Promise<PublicExposure[]>;
  get(id: string): Promise<PublicExposure | undefined>;
  /** Withdraws an entry; one already withdrawn keeps its first withdrawal. Returns the entry, or undefined when there is none. */
  withdraw(id: string, withdrawal: { by: string; reason: string; at: Date }): Promise<PublicExposure | undefined>;
}

export function createPublicExposureStore(db: EngineDatabase): PublicExposureStore {
  const get = async (id: string) => {
    const row = await db.selectFrom('public_exposures').selectAll().where('record_id', '=', id).executeTakeFirst();
    return row ? exposureOf(row) : undefined;
  };
  return {
    async listPublished(filter = {}) {
      let query = db.selectFrom('public_exposures').selectAll().where('withdrawn_at', 'is', null);
      if (filter.campaignId !== undefined) query = query.where('campaign_id', '=', filter.campaignId);
      const rows = await query.orderBy('exposed_at').orderBy('record_id').execute();
      return rows.map(exposureOf);
    },
    get,
    async withdraw(id, { by, reason, at }) {
      await db
        .updateTable('public_exposures')
        .set({ withdrawn_at: at, withdrawn_by: by, withdrawal_reason: reason })
        .where('record_id', '=', id)
        .where('withdrawn_at', 'is', null)
        .execute();
      return get(id);
    },
  };
}
