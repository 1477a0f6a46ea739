import { describe, expect, it } from 'vitest';
import { storeSettings } from '../../store/config';

describe('database configuration', () => {
  it('defaults to the embedded server under data/postgres on 5432', () => {
    expect(storeSettings({}, '/srv/engine')).toEqual({ embedded: { dir: '/srv/engine/data/postgres', port: 5432 }, maxConnections: 10 });
  });

  it('takes a production server and the embedded server’s folder, port and pool size', () => {
    expect(
      storeSettings(
        { DATABASE_URL: 'postgres://engine:s3cret@db.example.gov.cn:5432/engine', EMBEDDED_POSTGRES_DIR: '/var/lib/pg', EMBEDDED_POSTGRES_PORT: '55432', DATABASE_POOL_SIZE: '20' },
        '/srv/engine',
      ),
    ).toEqual({ url: 'postgres://engine:s3cret@db.example.gov.cn:5432/engine', embedded: { dir: '/var/lib/pg', port: 55432 }, maxConnections: 20 });
  });

  it('names every bad value', () => {
    expect(() => storeSettings({ DATABASE_URL: 'mysql://x@y/z', EMBEDDED_POSTGRES_PORT: 'abc' }, '/')).toThrow(
      /Invalid database configuration: DATABASE_URL: must be a postgres:\/\/ URL.*; EMBEDDED_POSTGRES_PORT: /,
    );
  });
});
