import type { Campaign } from '../../domain/campaign';
import { ZERO } from '../../protocol/canon';
import { minimalJwk } from '../../protocol/keys';
import { campaignChanges, sameDefinition } from '../../domain/campaign-diff';
import { bulkInserter } from './bulk';
import { storeFault, storeHealth, type StoreHealth } from './faults';
import { currentCampaignVersion, recordCampaignVersion, writeCampaignVersion } from './campaign-versions';
import { ingestTx } from './ingest-tx';
import { officeTx, type OfficeTx } from './office-tx';
import { ADMIN_CLI_ACTOR, OFFICE_ACTIONS } from '../../protocol/office-action';
import type { StoreDialect } from './migrations/kit';
import { openDatabase, repeatableRead, type DatabaseTarget, type OpenOptions, type ReadSnapshot } from './open';
import { byHashes, campaignFromRow, campaignParser, codeFromRow, deviceFromRow, hashEpochs } from './rows';
import type { Db } from './schema';
import { preparedStatements, type Prepared } from './sqlite-prepared';
import type { DeviceInfo, Store } from './types';

/** Opens (and migrates) the store for a SQLite file or a PostgreSQL URL. */
export async function openStore(target: DatabaseTarget, options: OpenOptions = {}): Promise<Store> {
  const { db, dialect, stop, health, snapshot, sqlite } = await openDatabase(target, options);
  return kyselyStore(db, dialect, stop, health, snapshot, sqlite && preparedStatements(sqlite));
}

/** Runs a store call and tells `health` how it went (a full disk, a lost connection, or fine again). */
async function watched<T>(health: StoreHealth, fn: () => Promise<T>): Promise<T> {
  try {
    const out = await fn();
    health.ok();
    return out;
  } catch (e) {
    // A refusal (ApiError) was decided on what the database answered: the database works.
    if (storeFault(e)) health.failed(e);
    else health.ok();
    throw e;
  }
}

/**
 * The Store over a migrated Kysely database; `stop` runs after the database is closed. `prepared`
 * (SQLite) runs the ingest path's statements on the connection `db` uses, without the query builder.
 */
export function kyselyStore(
  db: Db,
  dialect: StoreDialect,
  stop: () => Promise<void> = async () => {},
  health: StoreHealth = storeHealth({ where: dialect }),
  snapshot: ReadSnapshot = (fn) => repeatableRead(db, fn),
  prepared?: Prepared,
): Store {
  const insertRows = bulkInserter(dialect, prepared);
  const parseCampaign = campaignParser();
  const kyselyStoreOfficeTx = <T>(fn: (tx: OfficeTx) => Promise<T>): Promise<T> => db.transaction().execute((tx) => fn(officeTx(tx, dialect, insertRows)));
  const device = async (deviceId: string): Promise<DeviceInfo | undefined> => {
    const row = await db.selectFrom('devices').selectAll().where('device_id', '=', deviceId).executeTakeFirst();
    return row && deviceFromRow(row);
  };

  return {
    dialect,
    db,
    health,
    close: async () => {
      await db.destroy();
      await stop();
    },

    async getCampaign(id) {
      const row = await db.selectFrom('campaigns').select('definition').where('id', '=', id).executeTakeFirst();
      return row && campaignFromRow(row.definition);
    },

    async listCampaigns() {
      const rows = await db.selectFrom('campaigns').select('definition').orderBy('id').execute();
      return rows.map((r) => campaignFromRow(r.definition));
    },

    async putCampaign(campaign: Campaign, at) {
      return kyselyStoreOfficeTx(async (tx) => {
        const current = await currentCampaignVersion(tx.db, campaign.id);
        if (current && sameDefinition(current.campaign, campaign)) return false;
        const version = (current?.version ?? 0) + 1;
        const { hash } = await writeCampaignVersion(tx.db, campaign, version, ADMIN_CLI_ACTOR, at);
        const changes = current ? campaignChanges(current.campaign, campaign) : [];
        await recordCampaignVersion(tx, { campaignId: campaign.id, actor: ADMIN_CLI_ACTOR, at, version, hash, changes });
        return !current;
      });
    },

    async createEnrollmentCode(c, actor) {
      await kyselyStoreOfficeTx(async (tx) => {
        await tx.db
          .insertInto('enrollment_codes')
          .values({
            code: c.code,
            campaign_id: c.campaignId,
            role: c.role,
            collector: c.collector,
            created_at: c.createdAt,
            expires_at: c.expiresAt,
            used_at: null,
            device_id: null,
            person_id: c.personId ?? null,
          })
          .execute();
        // The code itself is never stored nor logged: its SHA-256 (c.code) links the action to the
        // enrollment it allowed.
        const data = { codeHash: c.code, role: c.role, collector: c.collector, expiresAt: c.expiresAt, ...(c.personId ? { personId: c.personId } : {}) };
        await tx.appendAction({ action: OFFICE_ACTIONS.enrollmentCode, campaignId: c.campaignId, actor, at: c.createdAt, data });
      });
    },

    async findEnrollmentCode(code) {
      const row = await db.selectFrom('enrollment_codes').selectAll().where('code', '=', code).executeTakeFirst();
      return row && codeFromRow(row);
    },

    async enrollDevice(code, d, at) {
      return db.transaction().execute(async (tx) => {
        // The conditional UPDATE is the one-time guarantee: of two concurrent enrollments with
        // one code, exactly one changes the row.
        const used = await tx
          .updateTable('enrollment_codes')
          .set({ used_at: at, device_id: d.deviceId })
          .where('code', '=', code)
          .where('used_at', 'is', null)
          .executeTakeFirst();
        if (Number(used.numUpdatedRows) !== 1) return 'code-used' as const;
        const c = await tx.selectFrom('enrollment_codes').selectAll().where('code', '=', code).executeTakeFirstOrThrow();
        const row = {
          device_id: d.deviceId,
          campaign_id: c.campaign_id,
          label: d.label,
          role: c.role,
          collector: c.collector,
          alg: d.alg,
          key_id: d.keyId,
          public_jwk: JSON.stringify(minimalJwk(d.publicJwk)),
          head_seq: 0,
          head_hash: ZERO,
          last_batch_at: null,
          revoked_at: null,
          enrolled_at: at,
        };
        await tx.insertInto('devices').values(row).execute();
        return deviceFromRow(row);
      });
    },

    getDevice: device,

    async listDevices(campaignId) {
      const rows = await db
        .selectFrom('devices')
        .selectAll()
        .$if(campaignId !== undefined, (q) => q.where('campaign_id', '=', campaignId!))
        .orderBy('enrolled_at')
        .orderBy('device_id')
        .execute();
      return rows.map(deviceFromRow);
    },

    async revokeDevice(deviceId, at, actor) {
      return kyselyStoreOfficeTx(async (tx) => {
        const changed = await tx.db
          .updateTable('devices')
          .set({ revoked_at: at })
          .where('device_id', '=', deviceId)
          .where('revoked_at', 'is', null)
          .executeTakeFirst();
        const row = await tx.db.selectFrom('devices').selectAll().where('device_id', '=', deviceId).executeTakeFirst();
        // A second revocation changes nothing, so it is not an action of its own.
        if (row && Number(changed.numUpdatedRows) === 1) {
          await tx.appendAction({
            action: OFFICE_ACTIONS.revokeDevice,
            campaignId: row.campaign_id,
            actor,
            at,
            data: { deviceId, collector: row.collector, label: row.label },
          });
        }
        return row && deviceFromRow(row);
      });
    },

    async putBlob(b) {
      const r = await watched(health, () =>
        db
          .insertInto('blobs')
          .values({ sha256: b.sha256, bytes: b.data.length, mime: b.mime, data: b.data, device_id: b.deviceId, received_at: b.receivedAt, named_at: null })
          .onConflict((oc) => oc.column('sha256').doNothing())
          .executeTakeFirst(),
      );
      return Number(r.numInsertedOrUpdatedRows ?? 0n) === 1;
    },

    async getBlob(sha256) {
      const row = await db.selectFrom('blobs').select(['data', 'mime']).where('sha256', '=', sha256).executeTakeFirst();
      return row ? { data: new Uint8Array(row.data as Uint8Array), mime: row.mime } : undefined;
    },

    async hasBlob(sha256) {
      return !!(await db.selectFrom('blobs').select('sha256').where('sha256', '=', sha256).executeTakeFirst());
    },

    async removeUnnamedBlobs(receivedBefore) {
      const rows = await db
        .deleteFrom('blobs')
        .where('named_at', 'is', null)
        .where('received_at', '<', receivedBefore)
        .returning(['sha256', 'bytes', 'device_id', 'received_at'])
        .execute();
      return rows.map((r) => ({ sha256: r.sha256, bytes: Number(r.bytes), deviceId: r.device_id, receivedAt: r.received_at }));
    },

    async listRecords(q) {
      const rows = await db
        .selectFrom('records as r')
        .select(['r.log_idx', 'r.hash', 'r.received_at', 'r.canon'])
        .$if(q.unitId !== undefined, (s) =>
          s.where('r.log_idx', 'in', (eb) => eb.selectFrom('record_units').select('log_idx').where('unit_id', '=', q.unitId!)),
        )
        .$if(q.campaignId !== undefined, (s) => s.where('r.campaign_id', '=', q.campaignId!))
        .$if(q.type !== undefined, (s) => s.where('r.type', '=', q.type!))
        .$if(q.after !== undefined, (s) => s.where('r.log_idx', '>', q.after!))
        .orderBy('r.log_idx')
        .limit(q.limit)
        .execute();
      return rows.map((r) => ({ logIdx: r.log_idx, hash: r.hash, receivedAt: r.received_at, canon: r.canon }));
    },

    async findRecordByHash(hash) {
      const r = await db
        .selectFrom('records')
        .select(['log_idx', 'hash', 'received_at', 'canon'])
        .where(byHashes([hash], await hashEpochs(db)))
        .executeTakeFirst();
      return r && { logIdx: r.log_idx, hash: r.hash, receivedAt: r.received_at, canon: r.canon };
    },

    async logHead() {
      const row = await db.selectFrom('log_state').select(['size', 'root']).where('id', '=', 1).executeTakeFirstOrThrow();
      return { size: row.size, root: row.root };
    },

    ingest(fn) {
      return watched(health, () => db.transaction().execute((tx) => fn(ingestTx(tx, dialect, insertRows, parseCampaign, prepared))));
    },

    officeTx: kyselyStoreOfficeTx,
    readSnapshot: (fn) => watched(health, () => snapshot(fn)),
  };
}
