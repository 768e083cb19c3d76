import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { TallyPage } from '../../../src/ui/console/tally/TallyPage';
import { chartBars } from '../../../src/ui/console/tally/TallyCharts';
import { manualScoresOf } from '../../../src/ui/console/tally/ManualScoresForm';
import { computeTally } from '../../../src/domain/scoring';
import { CAMPAIGN, sampleAggregate, sampleTally, signedTally } from './fake-server';
import { renderPage } from './render';

async function tallyRoutes(opts: { tamper?: boolean; shuffle?: boolean } = {}) {
  const { signed, serverKey } = await signedTally();
  let tally = signed.tally;
  if (opts.shuffle) tally = { ...tally, units: [...tally.units].reverse() };
  if (opts.tamper) tally = { ...tally, units: tally.units.map((u, i) => (i === 0 ? { ...u, total: (u.total ?? 0) + 1 } : u)) };
  return {
    'GET /api/v1/admin/campaigns/demo/tally': () => ({ body: { tally, serverSig: signed.serverSig } }),
    'GET /api/v1/server-key': () => ({ body: serverKey }),
    'GET /api/v1/admin/campaigns/demo/manual-scores': () => ({
      body: { scores: { brigade1: { daily: 90, network: 80 } }, bonusRanking: ['office'], version: 3, setAt: '2026-11-20T08:00:00.000Z', setBy: 'wang.li' },
    }),
  };
}

function tallyRows(): HTMLElement[] {
  const table = screen.getByRole('table', { name: '统计与排名' });
  return within(table).getAllByRole('row').slice(1);
}

describe('tally page', () => {
  afterEach(cleanup);

  it('lists units by rank with the unranked last, even when the answer is out of order', async () => {
    renderPage(<TallyPage />, await tallyRoutes({ shuffle: true }));
    await screen.findByRole('table', { name: '统计与排名' });
    const expected = sampleTally().units;
    expect(expected.map((u) => u.unitId).slice(0, 3)).toEqual(['brigade1', 'office', 'law']);
    const ids = tallyRows().map((r) => r.getAttribute('data-unit'));
    expect(ids.slice(0, 3)).toEqual(['brigade1', 'office', 'law']);
    expect(new Set(ids.slice(3))).toEqual(new Set(expected.slice(3).map((u) => u.unitId)));
    const first = tallyRows()[0]!;
    expect(first.textContent).toContain(expected[0]!.total!.toFixed(2));
    expect(tallyRows().at(-1)!.textContent).toContain('未排名');
  });

  it('shows per group the score, counted and 不了解, and explains the flags in words', async () => {
    renderPage(<TallyPage />, await tallyRoutes());
    await screen.findByRole('table', { name: '统计与排名' });
    const office = tallyRows().find((r) => r.getAttribute('data-unit') === 'office')!;
    expect(office.textContent).toContain('有效 12 · 不了解 0');
    expect(office.textContent).toContain('样本不足');
    expect(office.textContent).toContain('专家代表样本不足 30 份（现有 12 份），结果仅供参考');
    const law = tallyRows().find((r) => r.getAttribute('data-unit') === 'law')!;
    expect(law.textContent).toContain('数据不完整');
    expect(law.textContent).toContain('专家代表没有有效答卷，满意度按其余评议主体的权重折算');
    const muck = tallyRows().find((r) => r.getAttribute('data-unit') === 'muck')!;
    expect(muck.textContent).toContain('有分项无法计算，暂不排名');
    const brigade = tallyRows().find((r) => r.getAttribute('data-unit') === 'brigade1')!;
    expect(brigade.querySelector('.c-flag')).toBeNull();
  });

  it('shows the log size and root and that the server signature verifies', async () => {
    renderPage(<TallyPage />, await tallyRoutes());
    expect((await screen.findByTestId('sig-ok', {}, { timeout: 5000 })).textContent).toContain('服务器签名有效');
    expect(screen.getByText('ab'.repeat(32))).toBeTruthy();
    expect(screen.getByText(/依据审计日志前 1234 条记录/)).toBeTruthy();
  });

  it('warns when the tally does not match its signature', async () => {
    renderPage(<TallyPage />, await tallyRoutes({ tamper: true }));
    const alert = await screen.findByText(/服务器签名无法验证/, {}, { timeout: 5000 });
    expect(alert.getAttribute('role')).toBe('alert');
    expect(screen.queryByTestId('sig-ok')).toBeNull();
  });

  it('draws the unit chart sorted highest first, with undefined scores last and no bar', async () => {
    renderPage(<TallyPage />, await tallyRoutes());
    const chart = await screen.findByRole('img', { name: '各单位问卷满意度' });
    const bars = [...chart.querySelectorAll('[data-bar]')];
    const values = sampleTally().units.map((u) => [u.unitId, u.survey.score] as const);
    const defined = values.filter(([, v]) => v !== null).sort((a, b) => b[1]! - a[1]!);
    expect(bars.slice(0, defined.length).map((b) => b.getAttribute('data-bar'))).toEqual(defined.map(([id]) => id));
    const widths = bars.slice(0, defined.length).map((b) => Number(b.querySelector('rect')!.getAttribute('width')));
    expect(widths).toEqual([...widths].sort((a, b) => b - a));
    for (const b of bars.slice(defined.length)) {
      expect(b.querySelector('rect')).toBeNull();
      expect(b.textContent).toContain('—');
    }
    expect(screen.getByRole('img', { name: '分项满意度（评议内容）' }).querySelectorAll('[data-bar]')).toHaveLength(CAMPAIGN.dimensions.length);
    expect(screen.getByRole('img', { name: '各评议主体满意度' }).querySelectorAll('[data-bar]')).toHaveLength(CAMPAIGN.raterGroups.length);
  });

  it('charts one unit’s groups when chosen, marking a small sample', () => {
    const bars = chartBars(sampleTally(), CAMPAIGN, 'office');
    expect(bars.groups.map((g) => [g.id, g.value, g.muted])).toEqual([
      ['expert', 60, true],
      ['public', 80, false],
      ['client', 80, false],
    ]);
    const all = chartBars(sampleTally(), CAMPAIGN, null);
    // All-units view: the mean of the units' defined scores (brigade1 100, office 60 → 80).
    expect(all.groups[0]!.value).toBeCloseTo(80, 10);
  });

  it('sends the manual scores and bonus ranking the office entered, then recomputes', async () => {
    const routes = await tallyRoutes();
    let put: unknown = null;
    const { server } = renderPage(<TallyPage />, {
      ...routes,
      'PUT /api/v1/admin/campaigns/demo/manual-scores': (req) => {
        put = req.body;
        return { body: { version: 2 } };
      },
    });
    const input = await screen.findByLabelText('执法二大队 日常考评');
    expect(screen.getByText(/当前为第 3 版，由 wang.li 于/)).toBeTruthy();
    fireEvent.input(input, { target: { value: '75.5' } });
    fireEvent.input(screen.getByLabelText('局办公室 日常考评'), { target: { value: '101' } });
    fireEvent.click(screen.getByRole('button', { name: '保存并重新计算' }));
    expect((await screen.findByText(/应为 0 到 100 之间的数字/)).textContent).toContain('局办公室');
    expect(put).toBeNull();
    fireEvent.input(screen.getByLabelText('局办公室 日常考评'), { target: { value: '' } });
    fireEvent.click(screen.getByRole('button', { name: '保存并重新计算' }));
    await screen.findByText('已保存，排名已重新计算。');
    expect(put).toEqual({ scores: { brigade1: { daily: 90, network: 80 }, brigade2: { daily: 75.5 } }, bonusRanking: ['office'] });
    await waitFor(() => expect(server.calls('GET', '/api/v1/admin/campaigns/demo/tally')).toHaveLength(2));
  });

  it('refuses a unit ranked twice for the bonus', () => {
    const r = manualScoresOf(CAMPAIGN, { figures: {}, bonus: ['office', 'office', ''] });
    expect(r).toEqual({ ok: false, twice: true });
  });
});

describe('tally page: versions, categories, vetoes, retired units', () => {
  afterEach(cleanup);

  it('names the campaign version, ranks within categories and says why a unit is unranked', async () => {
    const campaign = {
      ...CAMPAIGN,
      minSampleToRank: 90,
      scoring: { ...CAMPAIGN.scoring, rankWithin: 'category' as const },
      units: CAMPAIGN.units.map((u) => (u.id === 'law' ? { ...u, retired: true } : u)),
    };
    const base = sampleTally();
    const tally = computeTally(
      campaign,
      sampleAggregate(),
      { scores: { brigade1: { daily: 90, network: 80 }, office: { daily: 85, network: 70 }, law: { daily: 70, network: 60 } }, bonusRanking: [] },
      { ...base, campaignVersion: 4 },
      { brigade1: '发生严重违纪问题' },
    );
    const { signed, serverKey } = await signedTally(tally);
    renderPage(
      <TallyPage />,
      {
        'GET /api/v1/admin/campaigns/demo/tally': () => ({ body: signed }),
        'GET /api/v1/server-key': () => ({ body: serverKey }),
        'GET /api/v1/admin/campaigns/demo/manual-scores': () => ({ body: { scores: {}, bonusRanking: [], version: 0, setAt: null, setBy: null } }),
      },
      { campaign },
    );
    await screen.findByRole('table', { name: '统计与排名' });
    expect(screen.getByTestId('tally-version').textContent).toContain('依据活动第 4 版');
    expect(screen.getByRole('columnheader', { name: '类别内名次' })).toBeTruthy();
    const row = (id: string) => tallyRows().find((r) => r.getAttribute('data-unit') === id)!;
    const flags = (id: string) => [...row(id).querySelectorAll('.c-flag')].map((e) => e.textContent);
    expect(flags('brigade1')).toEqual(['一票否决']);
    expect(flags('law')).toEqual(['数据不完整', '样本不足', '已停用']);
    expect(row('brigade1').textContent).toContain('纠风办对该单位一票否决：保留得分，不参加排名');
    expect(row('law').textContent).toContain('已停用');
    expect(row('office').textContent).toContain('有效问卷 87 份，少于参加排名所需的 90 份');
  });

  it('puts last year’s rank and total beside each unit with the 结果运用 flags in words', async () => {
    const { signed, serverKey } = await signedTally();
    const years = {
      campaigns: [{ campaignId: 'demo2025', year: 2025 }],
      units: {
        brigade1: { previous: { campaignId: 'demo2025', year: 2025, rank: 1, categoryRank: 1, total: 91.5 }, flags: ['first-in-category-2-years'] },
        law: { previous: { campaignId: 'demo2025', year: 2025, rank: 7, categoryRank: 2, total: 60.25 }, flags: ['last', 'last-2-years'] },
      },
    };
    renderPage(<TallyPage />, {
      'GET /api/v1/admin/campaigns/demo/tally': () => ({ body: { ...signed, years } }),
      'GET /api/v1/server-key': () => ({ body: serverKey }),
      'GET /api/v1/admin/campaigns/demo/manual-scores': () => ({ body: { scores: {}, bonusRanking: [], version: 0, setAt: null, setBy: null } }),
    });
    await screen.findByRole('table', { name: '统计与排名' });
    expect(screen.getByRole('columnheader', { name: '2025 年名次 / 总分' })).toBeTruthy();
    const row = (id: string) => tallyRows().find((r) => r.getAttribute('data-unit') === id)!;
    expect(row('law').querySelector('.c-previous')!.textContent).toBe('760.25');
    expect(row('law').textContent).toContain('末位（诫勉谈话）');
    expect(row('law').textContent).toContain('连续两年末位');
    expect(row('brigade1').textContent).toContain('连续两年同类第一（次年免评）');
    expect(row('office').querySelector('.c-previous')!.textContent).toBe('—');
  });
});
