/** The API built for tests: a Temporal client (real, or lazy towards a port nobody listens on), silent logs and a fixed token secret. */
import { Client, Connection } from '@temporalio/client';
import pino from 'pino';
import { temporalSettings, type TemporalSettings } from '../../temporal.config';
import { buildApp } from '../../server/app';
import type { Principal } from '../../server/auth/principal.schema';
import type { Store } from '../../store';
import { freePort } from '../helpers/free-port';
import { fileDatabase } from '../helpers/test-database';

export type TestApp = Awaited<ReturnType<typeof buildApp>>;

export const TOKEN_SECRET = 'a-test-secret-that-is-long-enough-for-hmac';

const appOn = (temporalClient: Client, settings: TemporalSettings, store?: Store): Promise<TestApp> =>
  buildApp({ temporalClient, temporalSettings: settings, logger: pino({ level: 'silent' }), tokenSecret: TOKEN_SECRET, ...(store ? { store } : {}) });

/** The API on a Temporal client, with the test file's database as its store (the one its worker writes). */
export async function buildTestApp(temporalClient: Client, settings: TemporalSettings): Promise<TestApp> {
  return appOn(temporalClient, settings, (await fileDatabase()).store);
}

/** An app whose Temporal is unreachable, and with a store when the test needs one: for everything the API decides before it asks Temporal. */
export async function buildOfflineApp(store?: Store): Promise<TestApp> {
  const settings = temporalSettings({ TEMPORAL_ADDRESS: `127.0.0.1:${await freePort()}` });
  const connection = Connection.lazy({ address: settings.address, connectTimeout: 500 });
  return appOn(new Client({ connection, namespace: settings.namespace }), settings, store);
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
