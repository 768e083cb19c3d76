import { readFileSync } from 'node:fs';

/** Reads a line from the terminal without echoing it (for passphrases). */
export function askHidden(question: string): Promise<string> {
  const input = process.stdin;
  if (!input.isTTY) return Promise.reject(new Error('no terminal to ask for the passphrase on; use --passphrase-file'));
  process.stdout.write(question);
  return new Promise((resolve, reject) => {
    let answer = '';
    input.setRawMode(true);
    input.resume();
    input.setEncoding('utf8');
    const done = (err?: Error) => {
      input.setRawMode(false);
      input.pause();
      input.off('data', onData);
      process.stdout.write('\n');
      if (err) reject(err);
      else resolve(answer);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return done();
        if (ch === '\u0003') return done(new Error('cancelled'));
        if (ch === '\u007f' || ch === '\b') answer = answer.slice(0, -1);
        else answer += ch;
      }
    };
    input.on('data', onData);
  });
}

/** The passphrase from a file (first line), or asked twice on the terminal. */
export async function passphraseFrom(file: string | undefined): Promise<string> {
  if (file) {
    const text = readFileSync(file, 'utf8').split(/\r?\n/)[0] ?? '';
    if (text.length < 12) throw new Error('the passphrase in the file is shorter than 12 characters');
    return text;
  }
  const first = await askHidden('Passphrase for the key file (12 characters or more): ');
  if (first.length < 12) throw new Error('the passphrase is shorter than 12 characters');
  const second = await askHidden('The same passphrase again: ');
  if (second !== first) throw new Error('the two passphrases differ');
  return first;
}
