// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { isCurrent } from '../../../src/ui/components/shell/NavBar';
import { classifyStartupError, isQuotaProblem } from '../../../src/ui/components/shell/problems';
import { matchPattern, parseHash } from '../../../src/ui/components/shell/router';
import { resolveRoute, ROUTES } from '../../../src/ui/components/shell/routes';

describe('hash routing', () => {
  it('parses path and query', () => {
    expect(parseHash('')).toEqual({ path: '/', query: {} });
    expect(parseHash('#/')).toEqual({ path: '/', query: {} });
    expect(parseHash('#/correct/ab12?action=void')).toEqual({ path: '/correct/ab12', query: { action: 'void' } });
    expect(parseHash('#/records?type=f2f&unit=law')).toEqual({ path: '/records', query: { type: 'f2f', unit: 'law' } });
  });

  it('matches patterns with parameters and a rest', () => {
    expect(matchPattern('/records/:hash', '/records/abc')).toEqual({ hash: 'abc' });
    expect(matchPattern('/records/:hash', '/records')).toBeNull();
    expect(matchPattern('/records', '/records/abc')).toBeNull();
    expect(matchPattern('/draft/:id', '/draft/a%2Fb')).toEqual({ id: 'a/b' });
    expect(matchPattern('/console/*', '/console/tally/demo')).toEqual({ '*': 'tally/demo' });
    expect(matchPattern('/console/*', '/console')).toBeNull();
  });

  it('resolves every screen of the brief, merging the query into the params', () => {
    const patterns = ROUTES.map((r) => r.pattern);
    for (const p of [
      '/',
      '/records',
      '/records/:hash',
      '/settings',
      '/f2f',
      '/forum',
      '/visit',
      '/stall',
      '/draft/:id',
      '/correct/:hash',
      '/enroll',
      '/sync',
      '/console',
      '/console/*',
    ]) {
      expect(patterns).toContain(p);
    }
    const r = resolveRoute('/correct/h1', { action: 'amend' })!;
    expect(r.def.module).toContain('forms/correct/CorrectionScreen');
    expect(r.params).toEqual({ action: 'amend', hash: 'h1' });
    expect(resolveRoute('/console/devices')!.def.chrome).toBe(false);
    expect(resolveRoute('/nope')).toBeUndefined();
    // The shell's own screens are part of every build.
    for (const p of ['/', '/records', '/records/x', '/settings']) expect(resolveRoute(p)!.load).toBeTypeOf('function');
  });

  it('marks the current section in the navigation', () => {
    expect(isCurrent('/', '/')).toBe(true);
    expect(isCurrent('/', '/records')).toBe(false);
    expect(isCurrent('/records', '/records/abc')).toBe(true);
    expect(isCurrent('/records', '/recordsx')).toBe(false);
  });
});

describe('storage problems', () => {
  it('tells unavailable, full and newer apart, looking inside wrapped errors', () => {
    expect(classifyStartupError({ name: 'MissingAPIError' })).toBe('unavailable');
    expect(classifyStartupError({ name: 'OpenFailedError', inner: { name: 'InvalidStateError' } })).toBe('unavailable');
    expect(classifyStartupError(new ReferenceError('indexedDB is not defined'))).toBe('unavailable');
    expect(classifyStartupError({ name: 'OpenFailedError', inner: { name: 'QuotaExceededError' } })).toBe('full');
    expect(classifyStartupError({ name: 'VersionError' })).toBe('newer');
    expect(classifyStartupError(new TypeError('x is undefined'))).toBeUndefined();
    expect(isQuotaProblem({ name: 'AbortError', inner: { name: 'QuotaExceededError' } })).toBe(true);
    expect(isQuotaProblem({ name: 'AbortError' })).toBe(false);
  });
});
