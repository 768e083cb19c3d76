// `npm test`: every step of the old chain, with the steps that do not need each other side by
// side. The build goes first (the browser tests serve it); then three lanes run at once: the
// static checks (four TypeScript configs, lint, format) one after the other at a lower priority,
// the unit and server tests, and the browser files, which spend most of their time waiting (on an
// emulated weak link, a service worker, a restarted browser) rather than on the CPU. The kill
// test, whose trials time 100 ms durability contracts, waits until the unit and server tests have
// ended (PINGYI_CORES_FREE_AT) and then runs with only the low-priority checks beside it. Each
// part's output is printed whole when it ends, with its time, and the run fails if any part fails.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { setPriority, tmpdir } from 'node:os';
import { join } from 'node:path';

const npx = (...args) => ['npx', args];
// The types are checked by TypeScript 7 (the compiler in Go; package `typescript-7`, called by its
// path because both it and the lint's TypeScript 5 name their command `tsc`). Each config keeps what
// it found in .tmp/ (as the lint does): a second run checks only what changed and what depends on
// it, and still reports every error of the files it does not check again.
const tsc = (config, name) => [
  'node',
  ['node_modules/typescript-7/bin/tsc', '--noEmit', '--incremental', '--tsBuildInfoFile', `.tmp/tsc-${name}.tsbuildinfo`, '-p', config],
];
const BUILD = ['build', ['npm', ['run', 'build']]];
const STATIC = [
  ['typecheck src', tsc('src', 'src')],
  ['typecheck src/server', tsc('src/server', 'server')],
  ['typecheck .', tsc('.', 'test')],
  ['typecheck src/sw', tsc('src/sw', 'sw')],
  ['lint', ['npm', ['run', 'lint']]],
  ['format check', ['npm', ['run', 'format:check']]],
];
const TESTS = ['unit and server tests', npx('vitest', 'run', '--project', 'pure', '--project', 'unit', '--project', 'dom', '--project', 'server')];
const BROWSER = [
  ['Chromium', ['node', ['test/e2e/ensure-chromium.mjs']]],
  ['browser tests', npx('vitest', 'run', '--project', 'e2e', '--project', 'e2e-alone')],
];

const started = Date.now();
const times = [];
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

/** Runs one part with its output captured; prints it when the part ends. Resolves to its success. */
function run([name, [cmd, args]], env = {}, niceness = 0) {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const out = [];
    // FORCE_COLOR keeps the tools' colours although their output goes to a pipe first.
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env, FORCE_COLOR: process.stdout.isTTY ? '1' : '0' } });
    if (niceness) {
      try {
        setPriority(child.pid, niceness); // inherited by what it starts (npx → tsc, eslint, prettier)
      } catch {
        // not allowed here: the part runs at the usual priority
      }
    }
    child.stdout.on('data', (c) => out.push(c));
    child.stderr.on('data', (c) => out.push(c));
    child.on('error', (e) => out.push(Buffer.from(`${e.message}\n`)));
    child.on('close', (code, signal) => {
      const ok = code === 0;
      const ms = Date.now() - t0;
      times.push([name, ms, ok]);
      process.stdout.write(`\n──── ${name}: ${ok ? 'passed' : `FAILED (${signal ?? `exit ${code}`})`} in ${seconds(ms)} ────\n`);
      process.stdout.write(Buffer.concat(out));
      resolve(ok);
    });
  });
}

/** Runs parts one after the other; all of them, even after a failure (so every problem shows). */
async function inTurn(parts, niceness = 0) {
  let ok = true;
  for (const part of parts) ok = (await run(part, {}, niceness)) && ok;
  return ok;
}

function summary(ok) {
  process.stdout.write('\n──── npm test ────\n');
  for (const [name, ms, passed] of times) process.stdout.write(`${passed ? 'ok    ' : 'FAILED'} ${seconds(ms).padStart(8)}  ${name}\n`);
  process.stdout.write(`${ok ? 'passed' : 'FAILED'} in ${seconds(Date.now() - started)}\n`);
  process.exit(ok ? 0 : 1);
}

// The file the kill test waits for: written when the unit and server tests have ended.
const gateDir = mkdtempSync(join(tmpdir(), 'pingyi-test-'));
const coresFree = join(gateDir, 'cores-free');
const built = await run(BUILD);
const browsed = built ? (async () => (await run(BROWSER[0])) && (await run(BROWSER[1], { PINGYI_CORES_FREE_AT: coresFree })))() : Promise.resolve(false);
// The static checks run at a lower priority: they get the CPU the tests leave, so the unit and
// server tests (the longest lane) and the browser files' timing checks are hardly slowed by them,
// and the kill trials need only wait for the tests.
const checking = inTurn(STATIC, 10);
const tested = await run(TESTS);
writeFileSync(coresFree, '');
const checked = await checking;
const ok = (await browsed) && built && checked && tested;
rmSync(gateDir, { recursive: true, force: true });
summary(ok);
