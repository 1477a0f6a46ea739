/** The API built for tests: a Temporal client (real, or lazy towards a port nobody listens on), silent logs and a fixed token secret. */
import { Client, Connection } from '@temporalio/client';
import pino from 'pino';
import { temporalSettings, type TemporalSettings } from '../../temporal.config';
import { buildApp, type AppDependencies } from '../../server/app';
import { temporalConnectionOptions } from '../../server/temporal-connection';
import { repositoryOfficialCalendar } from '../../definitions/load';
import type { Principal } from '../../server/auth/principal.schema';
import { freePort } from '../helpers/free-port';
import { fileDatabase } from '../helpers/test-database';

export type TestApp = Awaited<ReturnType<typeof buildApp>>;

export const TOKEN_SECRET = 'a-test-secret-that-is-long-enough-for-hmac';

/** What a test may set differently from the defaults. */
export type TestAppOptions = Partial<Pick<AppDependencies, 'logger' | 'rateLimit' | 'store' | 'consoleDir'>>;

const appOn = (temporalClient: Client, settings: TemporalSettings, options: TestAppOptions): Promise<TestApp> =>
  buildApp({ temporalClient, temporalSettings: settings, logger: pino({ level: 'silent' }), tokenSecret: TOKEN_SECRET, officialCalendar: repositoryOfficialCalendar(), ...options });

/** The API on a Temporal client, with the test file's database as its store (the one its worker writes) unless the test gives another. */
export async function buildTestApp(temporalClient: Client, settings: TemporalSettings, options: TestAppOptions = {}): Promise<TestApp> {
  return appOn(temporalClient, settings, { store: (await fileDatabase()).store, ...options });
}

/**
 * An app whose Temporal is unreachable (connected as the main job connects), with a store only when
 * the test gives one: for everything the API decides before it asks Temporal, and its 503s.
 */
export async function buildOfflineApp(options: TestAppOptions = {}): Promise<TestApp> {
  const settings = temporalSettings({ TEMPORAL_ADDRESS: `127.0.0.1:${await freePort()}` });
  const connection = Connection.lazy({ ...temporalConnectionOptions(settings.address), connectTimeout: 500 });
  return appOn(new Client({ connection, namespace: settings.namespace }), settings, options);
}

/** `Authorization` headers for a principal. */
export const bearer = (app: TestApp, principal: Principal): { authorization: string } => ({ authorization: `Bearer ${app.signToken(principal)}` });

export const people = {
  tianjinAuthor: { sub: '市应急局 李四', role: 'author', jurisdiction: 'CN/tianjin' },
  jizhouAuthor: { sub: '区应急局 王五', role: 'author', jurisdiction: 'CN/tianjin/jizhou' },
  chongqingAuthor: { sub: '重庆市 赵六', role: 'author', jurisdiction: 'CN/chongqing' },
  tianjinOperator: { sub: '市安委办 张三', role: 'operator', jurisdiction: 'CN/tianjin' },
  jizhouOperator: { sub: '区安委办 钱七', role: 'operator', jurisdiction: 'CN/tianjin/jizhou' },
  chongqingOperator: { sub: '重庆市安委办 孙八', role: 'operator', jurisdiction: 'CN/chongqing' },
  school7: { sub: '第七技工学校 周九', role: 'unit', jurisdiction: 'CN/tianjin', unitId: 'school-7' },
} as const satisfies Record<string, Principal>;
