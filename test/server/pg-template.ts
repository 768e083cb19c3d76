import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openStore } from '../../src/server/store/kysely-store';

// Once per run of the server project: one PostgreSQL database migrated to the latest schema (with
// the demo campaign the server adds on start), from which each test database is copied
// (`CREATE DATABASE … TEMPLATE …`, harness.ts) instead of being migrated afresh in every file.
// Dropped when the run ends. Skipped when PostgreSQL does not answer or the run keeps to SQLite.

declare module 'vitest' {
  export interface ProvidedContext {
    /** The migrated template database of this run ('' when there is none). */
    pgTemplate: string;
  }
}

const ADMIN_URL = process.env.PINGYI_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function admin<T extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, values?: unknown[]): Promise<T[]> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 2000 });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  project.provide('pgTemplate', '');
  if (process.env.PINGYI_TEST_STORES === 'sqlite') return;
  const name = `pingyi_tpl_${process.pid}_${Date.now().toString(36)}`;
  try {
    await admin(`create database ${name}`);
  } catch {
    return; // unreachable: harness.ts says so and keeps to SQLite
  }
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const store = await openStore({ kind: 'postgres', url: url.toString() }, { applicationName: 'pingyi-test-template' });
  await store.close();
  // A copy needs the template without connections: wait until the closed pool's are gone.
  for (let i = 0; i < 100; i++) {
    const [row] = await admin<{ n: string }>('select count(*) as n from pg_stat_activity where datname = $1', [name]);
    if (Number(row!.n) === 0) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  project.provide('pgTemplate', name);
  return async () => {
    await admin(`drop database if exists ${name} with (force)`);
  };
}
