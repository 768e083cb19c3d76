import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { IdSchema } from '../../domain/campaign';
import { b64u } from '../../protocol/canon';
import { hashPassword, verifyPassword, DUMMY_HASH } from './passwords';
import { OFFICE_ACTIONS } from '../../protocol/office-action';
import type { Store } from '../store/types';
import type { OfficeDb, OfficeTables } from './tables';
import type { Person, PersonRole } from '../../protocol/office-api';

/**
 * Office-admin sees everything; a coordinator sees devices, sync state and data quality; a unit
 * account (被评单位) sees only its own unit's results and rectification items, and answers them.
 */
export const PERSON_ROLES = ['office-admin', 'coordinator', 'unit'] as const satisfies readonly PersonRole[];
export type { Person, PersonRole };

export const NewPersonSchema = z
  .strictObject({
    username: z.string().regex(/^[A-Za-z0-9._@-]{2,64}$/, 'username: 2–64 letters, digits, . _ @ -'),
    role: z.enum(PERSON_ROLES),
    displayName: z.string().min(1).max(100).optional(),
    password: z.string().min(10, 'a password has at least 10 characters').max(200),
    /** Required for role `unit` (the unit it is bound to), refused for the others. */
    unitId: IdSchema.optional(),
  })
  .superRefine((p, ctx) => {
    if (p.role === 'unit' && p.unitId === undefined) ctx.addIssue({ code: 'custom', path: ['unitId'], message: 'a unit account names its unit' });
    if (p.role !== 'unit' && p.unitId !== undefined) ctx.addIssue({ code: 'custom', path: ['unitId'], message: 'only a unit account names a unit' });
  });
export type NewPerson = z.infer<typeof NewPersonSchema>;

/** Is `unitId` a unit of some campaign on the server (a unit account must name one)? */
export async function unitOnServer(store: Store, unitId: string): Promise<boolean> {
  return (await store.listCampaigns()).some((c) => c.units.some((u) => u.id === unitId));
}

/** How long a console session lasts from sign-in. */
export const SESSION_HOURS = 12;

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

function personFromRow(r: { username: string; role: string; display_name: string | null; unit_id: string | null }): Person {
  return {
    username: r.username,
    role: r.role as PersonRole,
    ...(r.display_name ? { displayName: r.display_name } : {}),
    ...(r.unit_id ? { unitId: r.unit_id } : {}),
  };
}

/**
 * Creates a person and logs the office action `account-created` of `actor` (never the password or
 * its hash); 'exists' when the username is taken.
 */
export async function createPerson(store: Store, p: NewPerson, at: string, actor: string): Promise<Person | 'exists'> {
  const password_hash = await hashPassword(p.password);
  return store.officeTx(async (otx) => {
    const tx = otx.db.withTables<OfficeTables>();
    const taken = await tx.selectFrom('people').select('username').where('username', '=', p.username).executeTakeFirst();
    if (taken) return 'exists' as const;
    const row = {
      username: p.username,
      role: p.role,
      display_name: p.displayName ?? null,
      unit_id: p.unitId ?? null,
      password_hash,
      created_at: at,
      disabled_at: null,
    };
    await tx.insertInto('people').values(row).execute();
    const person = personFromRow(row);
    await otx.appendAction({ action: OFFICE_ACTIONS.accountCreated, actor, at, data: { ...person } });
    return person;
  });
}

/**
 * Disables a person (their sessions stop working at once; the row stays, so the history keeps its
 * names) and logs `account-disabled`; 'unknown' when there is no such active account.
 */
export async function disablePerson(store: Store, username: string, at: string, actor: string): Promise<Person | 'unknown'> {
  return store.officeTx(async (otx) => {
    const tx = otx.db.withTables<OfficeTables>();
    const done = await tx.updateTable('people').set({ disabled_at: at }).where('username', '=', username).where('disabled_at', 'is', null).executeTakeFirst();
    if (Number(done.numUpdatedRows) !== 1) return 'unknown' as const;
    await tx.deleteFrom('sessions').where('username', '=', username).execute();
    await otx.appendAction({ action: OFFICE_ACTIONS.accountDisabled, actor, at, data: { username } });
    const row = await tx
      .selectFrom('people')
      .select(['username', 'role', 'display_name', 'unit_id'])
      .where('username', '=', username)
      .executeTakeFirstOrThrow();
    return personFromRow(row);
  });
}

/** The people accounts and their sessions, over the office tables. */
export function peopleRepo(db: OfficeDb) {
  return {
    async list(): Promise<Person[]> {
      const rows = await db
        .selectFrom('people')
        .select(['username', 'role', 'display_name', 'unit_id'])
        .where('disabled_at', 'is', null)
        .orderBy('username')
        .execute();
      return rows.map(personFromRow);
    },

    /** The person when the password matches, else null (same work either way, so timing tells nothing). */
    async checkPassword(username: string, password: string): Promise<Person | null> {
      const row = await db.selectFrom('people').selectAll().where('username', '=', username).where('disabled_at', 'is', null).executeTakeFirst();
      const ok = await verifyPassword(password, row?.password_hash ?? DUMMY_HASH);
      return ok && row ? personFromRow(row) : null;
    },

    /** Starts a session; returns the cookie token (only its hash is stored). */
    async startSession(username: string, nowMs: number): Promise<{ token: string; expiresAt: string }> {
      const token = b64u(randomBytes(32));
      const expiresAt = new Date(nowMs + SESSION_HOURS * 3600_000).toISOString();
      await db
        .insertInto('sessions')
        .values({ token_hash: tokenHash(token), username, created_at: new Date(nowMs).toISOString(), expires_at: expiresAt })
        .execute();
      // Expired sessions of everyone are dropped here rather than by a timer: no background work.
      await db.deleteFrom('sessions').where('expires_at', '<', new Date(nowMs).toISOString()).execute();
      return { token, expiresAt };
    },

    /** The person of a live session token, or null. */
    async sessionPerson(token: string, nowMs: number): Promise<Person | null> {
      const row = await db
        .selectFrom('sessions as s')
        .innerJoin('people as p', 'p.username', 's.username')
        .select(['p.username', 'p.role', 'p.display_name', 'p.unit_id'])
        .where('s.token_hash', '=', tokenHash(token))
        .where('s.expires_at', '>', new Date(nowMs).toISOString())
        .where('p.disabled_at', 'is', null)
        .executeTakeFirst();
      return row ? personFromRow(row) : null;
    },

    async endSession(token: string): Promise<void> {
      await db.deleteFrom('sessions').where('token_hash', '=', tokenHash(token)).execute();
    },
  };
}
export type PeopleRepo = ReturnType<typeof peopleRepo>;
