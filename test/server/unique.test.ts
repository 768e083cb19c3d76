import { describe, expect, it } from 'vitest';
import { againOnUniqueViolation, isUniqueViolation } from '../../src/server/store/unique';

const violation = (code: string) => Object.assign(new Error('duplicate key'), { code });

describe('a transaction run again when a concurrent writer took its version number first', () => {
  it('knows a unique violation of either store from any other error', () => {
    for (const code of ['23505', 'SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY']) expect(isUniqueViolation(violation(code)), code).toBe(true);
    for (const e of [violation('23503'), violation('SQLITE_CONSTRAINT_NOTNULL'), new Error('x'), null, undefined, 'text'])
      expect(isUniqueViolation(e), String(e)).toBe(false);
  });

  it('runs again after a unique violation, at most three times more, and answers what the last run answers', async () => {
    let runs = 0;
    await expect(againOnUniqueViolation(async () => (++runs < 4 ? Promise.reject(violation('23505')) : 'version 7'))).resolves.toBe('version 7');
    expect(runs).toBe(4);
    runs = 0;
    await expect(
      againOnUniqueViolation(async () => {
        runs++;
        throw violation('SQLITE_CONSTRAINT_UNIQUE');
      }),
    ).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT_UNIQUE' });
    expect(runs).toBe(4);
  });

  it('passes any other error on at once', async () => {
    let runs = 0;
    const boom = new Error('disk I/O error');
    await expect(
      againOnUniqueViolation(async () => {
        runs++;
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect(runs).toBe(1);
  });
});
