import { loadConfig } from '../config';
import { openStore } from '../store/kysely-store';
import type { Store } from '../store/types';
import { ADMIN_CLI_ACTOR } from './actions';
import { createPerson, disablePerson, NewPersonSchema, unitOnServer } from './people';

export const DISABLE_USER_USAGE = 'disable-user <username>   (their sessions end; the account stays in the history)';
export const CREATE_USER_USAGE =
  'create-user <username> --role office-admin|coordinator | --unit <unit id> [--name <display name>]   (--unit makes a unit account, role unit; the password is read from PINGYI_PASSWORD or standard input)';

/** Reads the first line of standard input (the password, so that it stays out of the shell history). */
async function firstLineOfStdin(stdin: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stdin) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/)[0] ?? '';
}

export interface CreateUserDeps {
  store: Store;
  now: () => number;
  env: Record<string, string | undefined>;
  stdin: NodeJS.ReadableStream;
  print: (line: string) => void;
}

/**
 * The admin CLI's `create-user`: makes a console account (office-admin or coordinator; with
 * `--unit`, a unit account bound to a unit of a campaign on the server) with a scrypt-hashed password. Returns the exit code; says what was wrong in one sentence otherwise.
 */
export async function createUserCommand(args: string[], d: CreateUserDeps): Promise<number> {
  const rest = [...args];
  const take = (flag: string) => {
    const i = rest.indexOf(flag);
    return i >= 0 ? rest.splice(i, 2)[1] : undefined;
  };
  const unitId = take('--unit');
  const role = take('--role') ?? (unitId !== undefined ? 'unit' : undefined);
  const displayName = take('--name');
  const [username, ...extra] = rest;
  if (!username || !role || extra.length > 0 || rest.some((a) => a.startsWith('--'))) {
    d.print(`usage: ${CREATE_USER_USAGE}`);
    return 2;
  }
  const password = d.env.PINGYI_PASSWORD ?? (await firstLineOfStdin(d.stdin));
  const parsed = NewPersonSchema.safeParse({ username, role, password, ...(displayName ? { displayName } : {}), ...(unitId !== undefined ? { unitId } : {}) });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    d.print(`${issue.path.join('.') || 'input'}: ${issue.message}`);
    return 2;
  }
  if (parsed.data.unitId !== undefined && !(await unitOnServer(d.store, parsed.data.unitId))) {
    d.print(`unitId: no campaign on this server has a unit "${parsed.data.unitId}"`);
    return 2;
  }
  const created = await createPerson(d.store, parsed.data, new Date(d.now()).toISOString(), ADMIN_CLI_ACTOR);
  if (created === 'exists') {
    d.print(`the username "${username}" is taken`);
    return 1;
  }
  d.print(
    `created ${created.role} "${created.username}"${created.unitId ? ` for unit "${created.unitId}"` : ''}; they sign in at the console with this password`,
  );
  return 0;
}

/**
 * `npm run admin -- create-user <username> --role office-admin|coordinator | --unit <unit id> [--name …]`, in the shape
 * of the admin CLI's commands (throws with a sentence on failure). The password is read from
 * PINGYI_PASSWORD or the first line of standard input, never from the command line.
 */
export async function createUser(args: string[], io: { env: Record<string, string | undefined>; out: (line: string) => void }): Promise<void> {
  const store = await openStore(loadConfig(io.env).database);
  try {
    const lines: string[] = [];
    const code = await createUserCommand(args, { store, now: Date.now, env: io.env, stdin: process.stdin, print: (l) => lines.push(l) });
    if (code !== 0) throw new Error(lines.join(' '));
    for (const l of lines) io.out(l);
  } finally {
    await store.close();
  }
}

/** `npm run admin -- disable-user <username>`: the account can no longer sign in (an office action). */
export async function disableUser(args: string[], io: { env: Record<string, string | undefined>; out: (line: string) => void }): Promise<void> {
  const [username, ...extra] = args;
  if (!username || extra.length > 0) throw new Error(`usage: ${DISABLE_USER_USAGE}`);
  const store = await openStore(loadConfig(io.env).database);
  try {
    const done = await disablePerson(store, username, new Date().toISOString(), ADMIN_CLI_ACTOR);
    if (done === 'unknown') throw new Error(`there is no active account "${username}"`);
    io.out(`disabled ${done.role} "${done.username}"; their sessions have ended`);
  } finally {
    await store.close();
  }
}
