import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { isoTime } from '../../domain/ids';
import { newCampaignKeyPair, protectCampaignKey } from '../../protocol/keyfile';
import { loadConfig } from '../config';
import { issueEnrollmentCode } from '../enrollment';
import { ApiError } from '../http/errors';
import { ADMIN_CLI_ACTOR } from '../office/actions';
import { CREATE_USER_USAGE, createUser, DISABLE_USER_USAGE, disableUser } from '../office/cli-users';
import { openStore } from '../store/kysely-store';
import type { Store } from '../store/types';
import { backup } from './backup';
import { passphraseFrom } from './prompt';
import { enrollmentQrText } from './qr-text';

const HELP = () => `Pingyi admin (works on the store of PINGYI_DATA_DIR / DATABASE_URL directly, server running or not)

  npm run admin -- enroll-code --campaign demo --role representative --collector 张三 [--ttl-hours 72]
      a one-time enrollment code, printed with a QR code for the tablet to scan
  npm run admin -- devices [--campaign demo]
      the enrolled tablets
  npm run admin -- revoke <deviceId>
      stops a tablet's further batches (what it sent stays)
  npm run admin -- campaign-key --out campaign-key.json [--campaign <id>] [--passphrase-file <file>]
      a new P-256 key pair for a campaign's encryptionKey: the private key goes to --out, protected by
      a passphrase; the public JWK is printed for the campaign definition
  npm run admin -- ${CREATE_USER_USAGE}
      an account for the office console
  npm run admin -- backup --out <file>
      an online copy of the SQLite store, taken while the server runs, checked before it is reported
  npm run admin -- ${DISABLE_USER_USAGE}
      stops an account of the office console

Every change (codes issued, revocations, accounts) is logged as an office action of "admin-cli".
`;

type Out = (line: string) => void;
export interface AdminIo {
  env: Record<string, string | undefined>;
  out: Out;
  err: Out;
}
type Command = (args: string[], io: AdminIo) => Promise<void>;

async function withStore<T>(env: AdminIo['env'], fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(loadConfig(env).database);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

const enrollCode: Command = async (args, { env, out }) => {
  const { values } = parseArgs({
    args,
    options: { campaign: { type: 'string' }, role: { type: 'string' }, collector: { type: 'string' }, 'ttl-hours': { type: 'string' } },
  });
  const ttl = values['ttl-hours'] === undefined ? undefined : Number(values['ttl-hours']);
  const issued = await withStore(env, (store) =>
    issueEnrollmentCode(
      store,
      { campaignId: values.campaign ?? '', role: values.role ?? '', collector: values.collector ?? '', ttlHours: ttl },
      Date.now(),
      ADMIN_CLI_ACTOR,
    ),
  );
  out(`Enrollment code for ${values.collector} (${values.role}, campaign ${values.campaign}): ${issued.code}`);
  out(`Valid once, until ${issued.expiresAt}.`);
  out(enrollmentQrText(issued.code));
};

const devices: Command = async (args, { env, out }) => {
  const { values } = parseArgs({ args, options: { campaign: { type: 'string' } } });
  const list = await withStore(env, (store) => store.listDevices(values.campaign));
  if (list.length === 0) return out('No devices enrolled.');
  for (const d of list) {
    const state = d.revokedAt ? `revoked ${d.revokedAt}` : 'active';
    out(`${d.deviceId}  ${d.campaignId}  ${d.role}  ${d.collector}  "${d.label}"  ${d.alg}  seq ${d.headSeq}  last batch ${d.lastBatchAt ?? '—'}  ${state}`);
  }
};

const revoke: Command = async (args, { env, out }) => {
  const { positionals } = parseArgs({ args, allowPositionals: true });
  const id = positionals[0];
  if (!id) throw new Error('name the device: revoke <deviceId>');
  const device = await withStore(env, (store) => store.revokeDevice(id, isoTime(Date.now()), ADMIN_CLI_ACTOR));
  if (!device) throw new Error(`there is no device ${id}`);
  out(`Device ${id} (${device.collector}, "${device.label}") revoked at ${device.revokedAt}; its ${device.headSeq} records stay.`);
};

const campaignKey: Command = async (args, { out }) => {
  const { values } = parseArgs({ args, options: { out: { type: 'string' }, campaign: { type: 'string' }, 'passphrase-file': { type: 'string' } } });
  if (!values.out) throw new Error('say where to write the private key: --out <file>');
  const passphrase = await passphraseFrom(values['passphrase-file']);
  const { privateJwk, publicJwk } = await newCampaignKeyPair();
  const file = await protectCampaignKey(privateJwk, passphrase, { campaignId: values.campaign ?? null, createdAt: isoTime(Date.now()) });
  // wx: never overwrite an existing key file (records sealed to that key would become unreadable).
  writeFileSync(values.out, JSON.stringify(file, null, 2) + '\n', { mode: 0o600, flag: 'wx' });
  out(`Private key written to ${values.out} (passphrase-protected). Keep it and its passphrase safe: without them`);
  out('the confidential fields of this campaign cannot be read by anyone.');
  out('Public key, for "encryptionKey" in the campaign definition:');
  out(JSON.stringify(publicJwk));
};

const COMMANDS: Record<string, Command> = {
  'enroll-code': enrollCode,
  devices,
  revoke,
  'campaign-key': campaignKey,
  'create-user': createUser,
  backup,
  'disable-user': disableUser,
};

/** Runs one admin command; returns the exit code. */
export async function runAdmin(
  argv: string[],
  io: AdminIo = { env: process.env, out: (l) => process.stdout.write(l + '\n'), err: (l) => process.stderr.write(l + '\n') },
): Promise<number> {
  const { out, err } = io;
  const [command, ...args] = argv;
  const run = command ? COMMANDS[command] : undefined;
  if (!run) {
    (command && command !== 'help' ? err : out)(HELP());
    return command && command !== 'help' ? 2 : 0;
  }
  try {
    await run(args, io);
    return 0;
  } catch (e) {
    err(`pingyi admin ${command}: ${e instanceof ApiError || e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runAdmin(process.argv.slice(2)).then((code) => process.exit(code));
}
