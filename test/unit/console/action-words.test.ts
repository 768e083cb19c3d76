import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OFFICE_ACTIONS } from '../../../src/protocol/office-action';
import { describeAction } from '../../../src/ui/console/actions/describe';
import { actionMessages, type ActionKey } from '../../../src/ui/console/actions/messages';
import type { LoggedOfficeAction } from '../../../src/ui/console/api-types';
import { deviceMessages } from '../../../src/ui/console/devices/messages';
import { format, LANGS, type Translate } from '../../../src/ui/i18n';
import { CAMPAIGN } from './fake-server';

// Every kind of office action the server can log has words in the 操作记录, in every language:
// the kinds are OFFICE_ACTIONS (the server writes no other, checked below), each with the data its
// writer logs.
const ID = '0190a0a0-0000-7000-8000-0000abcd1234';
const DATA: Record<(typeof OFFICE_ACTIONS)[keyof typeof OFFICE_ACTIONS], Record<string, unknown>> = {
  'campaign-version': { version: 3, hash: 'a'.repeat(64) },
  vetoes: { imposed: { brigade1: '严重违纪' }, lifted: ['office'] },
  'manual-scores': {
    version: 5,
    scores: { brigade1: { daily: 66.67 } },
    bonusRanking: [],
    reason: '整改落实按完成率计',
    fromRectification: { part: 'daily', units: { brigade1: { done: 2, total: 3, value: 66.67 } } },
  },
  'enrollment-code': { codeHash: 'c'.repeat(64), role: 'inspector', collector: '李娜', expiresAt: '2026-11-24T02:00:00.000Z' },
  'revoke-device': { deviceId: 'dev-1', collector: '李娜', label: '平板 1' },
  'account-created': { username: 'brigade1.acc', role: 'unit', unitId: 'brigade1', displayName: null },
  'account-disabled': { username: 'zhao' },
  'review-decision': { decision: 'exclude', reason: '同一设备五分钟内十份', hashes: ['d'.repeat(64), 'e'.repeat(64)] },
  'opinion-tags': { refs: ['f'.repeat(64)], tags: ['substantiated'], note: null },
  publish: { version: 2, tally: { units: [] }, serverSig: 'sig' },
  'withdraw-publication': { version: 2, reason: '数据有误' },
  roster: { changed: [{ id: 'p1' }], removed: [], size: 40 },
  draw: { drawId: ID, seed: 'ab', strata: { expert: 2 }, picked: { expert: ['p1', 'p2'] }, rosterHash: 'b'.repeat(64) },
  quotas: { quotas: { brigade1: { public: { quota: 30 } } } },
  'rectification-created': { item: { id: ID, unitId: 'brigade1', problem: '执法态度粗暴', sources: [], deadline: '2026-12-31' } },
  'rectification-changed': { id: ID, change: { deadline: '2027-01-31', measures: '培训' } },
  'rectification-closed': { id: ID, reason: '已核实' },
  'rectification-answered': {
    answer: { id: ID, itemId: ID, kind: 'not-yet', text: '需要预算', by: '2027-03-01', actor: 'b1', at: '2026-11-21T02:00:00.000Z' },
  },
  'rectifications-published': { items: [{ id: ID }] },
};

const tr =
  <K extends string>(dict: Record<string, Record<K, string>>, lang: string): Translate<K> =>
  (key, vars) =>
    format(dict[lang]![key], vars);
const action = (name: string): LoggedOfficeAction['action'] => ({
  v: 1,
  type: 'office',
  action: name,
  campaignId: 'demo',
  actor: 'wang.li',
  at: '2026-11-21T02:00:00.000Z',
  data: DATA[name as keyof typeof DATA] ?? {},
});

describe('操作记录: words for every office action', () => {
  it.each(LANGS.map((l) => [l.id]))('names every kind the server logs in a sentence of its own (%s)', (lang) => {
    const t = tr(actionMessages as never, lang) as Translate<ActionKey>;
    const td = tr(deviceMessages as never, lang);
    for (const name of Object.values(OFFICE_ACTIONS)) {
      const words = describeAction(action(name), t, td, lang, [CAMPAIGN]);
      expect(words, name).not.toBe(t('other', { action: name }));
      expect(words, name).not.toMatch(/\{\w+\}|undefined|NaN|\[object/);
    }
    // The data in words: the unit, the problem, the fields, the reason.
    const zh = (name: string) => describeAction(action(name), t, td, lang, [CAMPAIGN]);
    if (lang === 'zh-Hans') {
      expect(zh('rectification-created')).toBe('为 执法一大队 新建整改项 abcd1234：“执法态度粗暴”，期限 2026-12-31');
      expect(zh('rectification-changed')).toBe('修改整改项 abcd1234：整改期限、整改措施');
      expect(zh('rectification-answered')).toBe('单位答复整改项 abcd1234：暂不能完成，“需要预算”');
      expect(zh('manual-scores')).toContain('“日常考评”按整改完成率填入：执法一大队；理由：整改落实按完成率计');
      expect(zh('account-created')).toContain('被评单位账号：执法一大队');
    }
  });

  it('keeps each sentence’s placeholders in every language', () => {
    const own = actionMessages['zh-Hans'] as Record<string, string>;
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const lang of ['zh-Hant', 'en'] as const) {
      const other = actionMessages[lang] as Record<string, string>;
      for (const [key, zh] of Object.entries(own)) expect(names(other[key]!), `${lang} ${key}`).toEqual(names(zh));
    }
  });

  it('the server logs no kind of action outside OFFICE_ACTIONS', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const f of readdirSync(dir)) {
        const p = join(dir, f);
        if (statSync(p).isDirectory()) walk(p);
        else if (p.endsWith('.ts')) files.push(p);
      }
    };
    walk('src/server');
    const literal: string[] = [];
    for (const f of files) {
      if (f.includes('/verify/')) continue;
      const text = readFileSync(f, 'utf8');
      // An action's name written out instead of taken from OFFICE_ACTIONS.
      for (const m of text.matchAll(/\baction:\s*(['"`])[a-z][a-z0-9-]*\1/g)) literal.push(`${f}: ${m[0]}`);
    }
    expect(literal).toEqual([]);
    expect(files.some((f) => readFileSync(f, 'utf8').includes('action: OFFICE_ACTIONS.rectificationCreated'))).toBe(true);
  });
});
