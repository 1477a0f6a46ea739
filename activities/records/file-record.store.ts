import { createHash, randomUUID } from 'node:crypto';
import { link, mkdir, readdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EscalationAction } from '../../definitions/vocabulary';
import { EscalationRecord } from './escalation-record.schema';

/** Where escalation records are kept; the file-based store below is the default. */
export interface RecordStore {
  /**
   * Keeps `record` unless a record with the same idempotency key is kept already, atomically: of two
   * concurrent calls exactly one creates. Returns the kept record and whether this call created it.
   */
  create(record: EscalationRecord): Promise<{ record: EscalationRecord; created: boolean }>;
  /** Overwrites a kept record (e.g. to note its delivery), atomically. */
  replace(record: EscalationRecord): Promise<void>;
  /** The record of an id, or undefined when there is none (or the id is not one). */
  get(recordId: string): Promise<EscalationRecord | undefined>;
  /** Every record of one action, in no particular order. */
  list(action: EscalationAction): Promise<EscalationRecord[]>;
}

const HASH_LENGTH = 32;

/** The record id of an idempotency key: `<action>-<32 hex digits of its sha256>`. */
export function recordIdFor(action: EscalationAction, idempotencyKey: string): string {
  return `${action}-${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, HASH_LENGTH)}`;
}

function isErrorCode(error: unknown, code: string): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === code;
}

/**
 * JSON files under `dir/<action>/<hash>.json`. A record is written to a temporary file first and
 * then hard-linked to its name, which fails if the name exists: the file appears complete or not at
 * all, and the same key is kept once even when two attempts race.
 */
export function createFileRecordStore(dir: string): RecordStore {
  const pathOf = (recordId: string): string | undefined => {
    const match = new RegExp(`^([a-z]+(?:-[a-z]+)*)-([0-9a-f]{${HASH_LENGTH}})$`).exec(recordId);
    return match ? join(dir, match[1]!, `${match[2]}.json`) : undefined;
  };

  const read = async (file: string): Promise<EscalationRecord | undefined> => {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if (isErrorCode(error, 'ENOENT')) return undefined;
      throw error;
    }
    const parsed = EscalationRecord.safeParse(JSON.parse(text));
    if (!parsed.success) throw new Error(`escalation record ${file} is malformed: ${parsed.error.message}`);
    return parsed.data;
  };

  /** Writes the record beside its final name; the caller links or renames it into place. */
  const writeTemporary = async (record: EscalationRecord): Promise<{ file: string; temporary: string }> => {
    const file = pathOf(record.id);
    if (!file) throw new Error(`not a record id: "${record.id}"`);
    await mkdir(join(file, '..'), { recursive: true });
    const temporary = `${file}.${randomUUID()}.tmp`;
    await writeFile(temporary, `${JSON.stringify(record, null, 2)}\n`, 'utf8');
    return { file, temporary };
  };

  return {
    async create(record) {
      const { file, temporary } = await writeTemporary(record);
      try {
        await link(temporary, file);
        return { record, created: true };
      } catch (error) {
        if (!isErrorCode(error, 'EEXIST')) throw error;
        const kept = await read(file);
        if (!kept) throw new Error(`escalation record ${file} vanished while being read`);
        return { record: kept, created: false };
      } finally {
        await unlink(temporary).catch(() => undefined);
      }
    },
    async replace(record) {
      const { file, temporary } = await writeTemporary(record);
      await rename(temporary, file);
    },
    async get(recordId) {
      const file = pathOf(recordId);
      return file ? read(file) : undefined;
    },
    async list(action) {
      const folder = join(dir, action);
      let names: string[];
      try {
        names = await readdir(folder);
      } catch (error) {
        if (isErrorCode(error, 'ENOENT')) return [];
        throw error;
      }
      const records = await Promise.all(names.filter((n) => n.endsWith('.json')).map((n) => read(join(folder, n))));
      return records.filter((r): r is EscalationRecord => r !== undefined);
    },
  };
}
