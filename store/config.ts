/**
 * Where the store's database is, parsed once by a process entry. With DATABASE_URL the engine
 * uses that server and starts none; without it, the main job runs the embedded server (folder and
 * port below), and other entries (the records CLI) connect to that one.
 */
import { resolve } from 'node:path';
import { z } from 'zod';

export const STORE_ENVIRONMENT = {
  url: 'DATABASE_URL',
  embeddedDir: 'EMBEDDED_POSTGRES_DIR',
  embeddedPort: 'EMBEDDED_POSTGRES_PORT',
  maxConnections: 'DATABASE_POOL_SIZE',
} as const;

const StoreEnvironment = z.object({
  url: z
    .url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL, e.g. postgres://engine:secret@db.example.gov.cn:5432/engine' })
    .optional(),
  embeddedDir: z.string().min(1).default('data/postgres'),
  embeddedPort: z.coerce.number().int().min(1).max(65535).default(5432),
  maxConnections: z.coerce.number().int().min(1).max(500).default(10),
});

export interface StoreSettings {
  /** A production server (DATABASE_URL); nothing is started then. */
  url?: string;
  /** The embedded server's folder (absolute) and port, used when `url` is absent. */
  embedded: { dir: string; port: number };
  /** Connections in each process's pool. */
  maxConnections: number;
}

/**
 * Reads DATABASE_URL, EMBEDDED_POSTGRES_DIR (relative to `root`), EMBEDDED_POSTGRES_PORT and DATABASE_POOL_SIZE; a bad value fails with every problem named.
 * @example storeSettings({}, '/srv/engine') // { embedded: { dir: '/srv/engine/data/postgres', port: 5432 }, maxConnections: 10 }
 */
export function storeSettings(env: Record<string, string | undefined>, root: string): StoreSettings {
  const read = (key: keyof typeof STORE_ENVIRONMENT) => env[STORE_ENVIRONMENT[key]]?.trim() || undefined;
  const parsed = StoreEnvironment.safeParse({ url: read('url'), embeddedDir: read('embeddedDir'), embeddedPort: read('embeddedPort'), maxConnections: read('maxConnections') });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${STORE_ENVIRONMENT[issue.path[0] as keyof typeof STORE_ENVIRONMENT]}: ${issue.message}`);
    throw new Error(`Invalid database configuration: ${problems.join('; ')}`);
  }
  const { url, embeddedDir, embeddedPort, maxConnections } = parsed.data;
  return { ...(url ? { url } : {}), embedded: { dir: resolve(root, embeddedDir), port: embeddedPort }, maxConnections };
}
