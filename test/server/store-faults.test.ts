import Fastify from 'fastify';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { installErrorHandler } from '../../src/server/http/errors';
import { diskSpace, storeFault, storeHealth } from '../../src/server/store/faults';

/** An error as pg or better-sqlite3 makes it: a message and a code. */
const dbError = (code: string, message: string) => Object.assign(new Error(message), { code });

describe('store faults', () => {
  it('tells a full disk and a lost database from every other error, on both stores', () => {
    expect(storeFault(dbError('SQLITE_FULL', 'database or disk is full'))).toBe('storage-full');
    expect(storeFault(dbError('53100', 'could not extend file "base/16384/2619": No space left on device'))).toBe('storage-full');
    expect(storeFault(dbError('ENOSPC', 'no space left on device, write'))).toBe('storage-full');
    expect(storeFault(new Error('wrapped', { cause: dbError('53100', 'disk full') }))).toBe('storage-full');
    expect(storeFault(dbError('57P01', 'terminating connection due to administrator command'))).toBe('unavailable');
    expect(storeFault(dbError('08006', 'connection failure'))).toBe('unavailable');
    expect(storeFault(dbError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'))).toBe('unavailable');
    expect(storeFault(dbError('SQLITE_BUSY', 'database is locked'))).toBe('unavailable');
    expect(storeFault(new Error('Connection terminated unexpectedly'))).toBe('unavailable');
    expect(storeFault(new Error('Client has encountered a connection error and is not queryable'))).toBe('unavailable');
    expect(storeFault(dbError('23505', 'duplicate key value violates unique constraint'))).toBeUndefined();
    expect(storeFault(dbError('SQLITE_CONSTRAINT_UNIQUE', 'UNIQUE constraint failed'))).toBeUndefined();
    expect(storeFault(new TypeError('x is undefined'))).toBeUndefined();
    expect(storeFault(undefined)).toBeUndefined();
  });

  it('answers 507 storage-full and 503 unavailable with Retry-After, and anything else 500', async () => {
    const heard: unknown[] = [];
    const app = Fastify();
    installErrorHandler(app, (e) => heard.push(e));
    app.get('/full', async () => {
      throw dbError('53100', 'could not extend file: No space left on device');
    });
    app.get('/gone', async () => {
      throw dbError('57P01', 'terminating connection due to administrator command');
    });
    app.get('/bug', async () => {
      throw new TypeError('x is undefined');
    });
    const full = await app.inject('/full');
    expect(full.statusCode).toBe(507);
    expect(full.json()).toMatchObject({ error: 'storage-full' });
    expect(full.json().message).toMatch(/not the tablet's fault/);
    expect(Number(full.headers['retry-after'])).toBeGreaterThan(0);
    const gone = await app.inject('/gone');
    expect(gone.statusCode).toBe(503);
    expect(gone.json()).toMatchObject({ error: 'unavailable' });
    expect(Number(gone.headers['retry-after'])).toBeGreaterThan(0);
    expect((await app.inject('/bug')).statusCode).toBe(500);
    expect(heard).toHaveLength(2);
    await app.close();
  });

  it('logs once per change of state, with the place and its free space', () => {
    const lines: string[] = [];
    const h = storeHealth({ where: '/srv/pingyi/pingyi.sqlite', dir: tmpdir(), log: (l) => lines.push(l) });
    const full = dbError('SQLITE_FULL', 'database or disk is full');
    h.failed(full);
    h.failed(full);
    h.failed(full);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Storage full at \/srv\/pingyi\/pingyi\.sqlite, [\d.]+ [MG]iB free of [\d.]+ [MG]iB \(SQLITE_FULL database or disk is full\)/);
    expect(h.fault).toBe('storage-full');
    h.failed(new TypeError('not a store fault'));
    h.ok();
    h.ok();
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^Storage has room again at /);
    h.failed(dbError('57P01', 'terminating connection due to administrator command'));
    expect(lines[2]).toMatch(/^Database unavailable at .*57P01/);
    expect(lines.every((l) => !l.includes('\n'))).toBe(true);
    const space = diskSpace(tmpdir());
    expect(space.totalBytes).toBeGreaterThan(0);
    expect(space.freeBytes).toBeLessThanOrEqual(space.totalBytes);
  });
});
