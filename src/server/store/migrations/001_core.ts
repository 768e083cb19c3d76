import { sql, type Kysely } from 'kysely';
import { bytesType, type PingyiMigration } from './kit';

/** SHA-256 of the empty string: the RFC 6962 root of the empty log. */
const EMPTY_ROOT = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** The core tables: campaigns, enrollment, devices, records and their evidence, blobs, audit log. */
export const core: PingyiMigration = {
  async up(db: Kysely<any>, dialect) {
    const s = db.schema;
    // bigint where a client may send any integer (PostgreSQL int4 would overflow into a 500).
    const bigint = dialect === 'postgres' ? 'bigint' : 'integer';

    await s
      .createTable('campaigns')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('definition', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    await s
      .createTable('enrollment_codes')
      .addColumn('code', 'text', (c) => c.primaryKey())
      .addColumn('campaign_id', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('collector', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('used_at', 'text')
      .addColumn('device_id', 'text')
      .execute();

    await s
      .createTable('devices')
      .addColumn('device_id', 'text', (c) => c.primaryKey())
      .addColumn('campaign_id', 'text', (c) => c.notNull())
      .addColumn('label', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('collector', 'text', (c) => c.notNull())
      .addColumn('alg', 'text', (c) => c.notNull())
      .addColumn('key_id', 'text', (c) => c.notNull())
      .addColumn('public_jwk', 'text', (c) => c.notNull())
      .addColumn('head_seq', 'integer', (c) => c.notNull())
      .addColumn('head_hash', 'text', (c) => c.notNull())
      .addColumn('last_batch_at', 'text')
      .addColumn('revoked_at', 'text')
      .addColumn('enrolled_at', 'text', (c) => c.notNull())
      .execute();

    await s
      .createTable('records')
      .addColumn('log_idx', 'integer', (c) => c.primaryKey())
      .addColumn('hash', 'text', (c) => c.notNull())
      // The first 52 bits of the hash as an integer: the index for lookups by hash. A full index on
      // 64-character random text was the costliest part of an append (every insert dirtied a page
      // of it); this one is a fifth of its size. Lookups: hash_key = hashKey(h) AND hash = h.
      .addColumn('hash_key', bigint, (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull().unique())
      .addColumn('device_id', 'text', (c) => c.notNull())
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('campaign_id', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('target_id', 'text')
      .addColumn('collector', 'text', (c) => c.notNull())
      .addColumn('sealed_at', 'text', (c) => c.notNull())
      .addColumn('received_at', 'text', (c) => c.notNull())
      .addColumn('canon', 'text', (c) => c.notNull())
      .addUniqueConstraint('records_device_seq', ['device_id', 'seq'])
      .execute();
    await s.createIndex('records_hash_key').on('records').column('hash_key').execute();
    // Only amends and voids have a target: a partial index costs the questionnaires nothing.
    await s.createIndex('records_target').on('records').column('target_id').where(sql.ref('target_id'), 'is not', null).execute();
    // Findings, forums, stalls and corrections of a campaign in acceptance order, without the cost of
    // indexing the questionnaires (the bulk of the records, read through f2f_effective instead).
    await s.createIndex('records_campaign_other').on('records').columns(['campaign_id', 'type', 'log_idx']).where(sql.ref('type'), '<>', 'f2f').execute();

    await s
      .createTable('record_units')
      .addColumn('unit_id', 'text', (c) => c.notNull())
      .addColumn('log_idx', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('record_units_pk', ['unit_id', 'log_idx'])
      // SQLite: the primary key is the table (no second B-tree for a rowid).
      .$call((b) => (dialect === 'sqlite' ? b.modifyEnd(sql`without rowid`) : b))
      .execute();

    await s
      .createTable('batches')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('device_id', 'text', (c) => c.notNull())
      .addColumn('from_seq', 'integer', (c) => c.notNull())
      .addColumn('to_seq', 'integer', (c) => c.notNull())
      .addColumn('appended', 'integer', (c) => c.notNull())
      .addColumn('header', 'text', (c) => c.notNull())
      .addColumn('sig', 'text', (c) => c.notNull())
      .addColumn('received_at', 'text', (c) => c.notNull())
      .execute();
    await s.createIndex('batches_device').on('batches').columns(['device_id', 'to_seq']).execute();

    await s
      .createTable('chain_conflicts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('device_id', 'text', (c) => c.notNull())
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('stored_hash', 'text', (c) => c.notNull())
      .addColumn('offered_hash', 'text', (c) => c.notNull())
      .addColumn('offered_canon', 'text', (c) => c.notNull())
      .addColumn('header', 'text', (c) => c.notNull())
      .addColumn('sig', 'text', (c) => c.notNull())
      .addColumn('records', 'text', (c) => c.notNull())
      .addColumn('received_at', 'text', (c) => c.notNull())
      // The same offending record sent again is the same evidence, not a new incident.
      .addUniqueConstraint('chain_conflicts_offer', ['device_id', 'seq', 'offered_hash'])
      .execute();

    await s
      .createTable('blobs')
      .addColumn('sha256', 'text', (c) => c.primaryKey())
      .addColumn('bytes', 'integer', (c) => c.notNull())
      .addColumn('mime', 'text')
      .addColumn('data', bytesType(dialect), (c) => c.notNull())
      .addColumn('device_id', 'text', (c) => c.notNull())
      .addColumn('received_at', 'text', (c) => c.notNull())
      .execute();

    await s
      .createTable('log_leaves')
      .addColumn('idx', 'integer', (c) => c.primaryKey())
      .addColumn('record_hash', 'text', (c) => c.notNull())
      .addColumn('leaf_hash', bytesType(dialect), (c) => c.notNull())
      .execute();

    await s
      .createTable('log_state')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('frontier', 'text', (c) => c.notNull())
      .addColumn('root', 'text', (c) => c.notNull())
      .execute();
    await db.insertInto('log_state').values({ id: 1, size: 0, frontier: '[]', root: EMPTY_ROOT }).execute();

    await s
      .createTable('f2f_effective')
      .addColumn('original_id', 'text', (c) => c.primaryKey())
      .addColumn('campaign_id', 'text', (c) => c.notNull())
      .addColumn('unit_id', 'text', (c) => c.notNull())
      .addColumn('rater_group', 'text', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('overall', 'text', (c) => c.notNull())
      .addColumn('ratings', 'text', (c) => c.notNull())
      .addColumn('device_id', 'text', (c) => c.notNull())
      .addColumn('collector', 'text', (c) => c.notNull())
      .addColumn('latest_seq', 'integer', (c) => c.notNull())
      .addColumn('sealed_at', 'text', (c) => c.notNull())
      .addColumn('duration_ms', bigint, (c) => c.notNull())
      .addColumn('lat_e6', 'integer')
      .addColumn('lon_e6', 'integer')
      .execute();
    // (campaign_id) alone: new rows always land at the end of their campaign's range.
    await s.createIndex('f2f_effective_campaign').on('f2f_effective').column('campaign_id').execute();
  },
};
