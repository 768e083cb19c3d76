import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { CampaignSchema, type Campaign } from '../../../src/domain/campaign';
import { DEMO_CAMPAIGN } from '../../../src/domain/demo-campaign';
import { CampaignEditor } from '../../../src/ui/console/campaign/CampaignEditor';
import { checkForm, formFromCampaign } from '../../../src/ui/console/campaign/form-model';
import { KeySection } from '../../../src/ui/console/campaign/KeySection';
import { VetoSection } from '../../../src/ui/console/campaign/VetoSection';
import { fromTemplate } from '../../../src/ui/console/campaign/templates';
import { campaignArb } from './campaign-arb';
import { renderPage } from './render';

const v1: Campaign = { ...CampaignSchema.parse(DEMO_CAMPAIGN), version: 1 };
const labour = fromTemplate('seed-004', null, { id: 'labour2027', name: '2027 年劳动保障系统民主评议', year: 2027 });

const input = (testId: string, value: string) => fireEvent.input(screen.getByTestId(testId), { target: { value } });
/** The problem shown next to a field: the element its input names with aria-describedby. */
function problemOf(testId: string): string | null {
  const el = screen.getByTestId(testId);
  const id = el.getAttribute('aria-describedby');
  return id ? (document.getElementById(id)?.textContent ?? null) : null;
}

describe('编辑活动: the form model', () => {
  it('reads back every template and the demo as they stand: no problem, no change', () => {
    for (const c of [v1, labour, fromTemplate('seed-000', null, { id: 'city2027', name: '城管', year: 2027 })]) {
      const r = checkForm(formFromCampaign(c), c);
      expect(r.problems).toEqual({});
      const { version: _v, ...plain } = c;
      expect(r.campaign).toEqual(plain);
    }
  });

  it('property: any valid definition reads back through the form as itself', () => {
    fc.assert(
      fc.property(campaignArb, (c) => {
        const r = checkForm(formFromCampaign(c), c);
        expect(r.problems).toEqual({});
        expect(r.campaign).toEqual(c);
      }),
      { numRuns: 200 },
    );
  });

  it('saves weights back as stored while their per cent is untouched (1 : 1 parts, thirds), as typed once changed', () => {
    const c = CampaignSchema.parse({
      ...v1,
      raterGroups: v1.raterGroups.map((g) => ({ ...g, weight: 1 / 3 })),
      scoring: {
        components: [
          { id: 'daily', label: '日常考评', max: 20, parts: [{ from: 'manual', id: 'daily', weight: 1 }] },
          {
            id: 'public',
            label: '群众评议',
            max: 80,
            parts: [
              { from: 'survey', weight: 1 },
              { from: 'manual', id: 'network', weight: 1 },
            ],
          },
        ],
      },
    });
    const f = formFromCampaign(c);
    expect(f.groups.map((g) => g.weight)).toEqual(['33.3333', '33.3333', '33.3333']);
    expect(f.components[1]!.parts.map((p) => p.weight)).toEqual(['50', '50']);
    const { version: _v, ...plain } = c;
    expect(checkForm(f, c).campaign).toEqual(plain);
    const parts = f.components[1]!.parts;
    const edited = {
      ...f,
      components: [
        f.components[0]!,
        {
          ...f.components[1]!,
          parts: [
            { ...parts[0]!, weight: '40' },
            { ...parts[1]!, weight: '60' },
          ],
        },
      ],
    };
    expect(checkForm(edited, c).campaign!.scoring.components[1]!.parts.map((p) => p.weight)).toEqual([0.4, 0.6]);
  });

  it('keeps a yes/no question under its dimension, and the server’s schema refuses one naming no dimension', () => {
    const c = CampaignSchema.parse({
      ...v1,
      checks: [
        { id: 'bribe', label: '是否遇到吃拿卡要', dimension: 'integrity' },
        { id: 'fees', label: '是否遇到乱收费' },
      ],
    });
    const f = formFromCampaign(c);
    expect(f.dimensions.find((d) => d.id === 'integrity')!.checks.map((x) => x.id)).toEqual(['bribe']);
    expect(f.checks.map((x) => x.id)).toEqual(['fees']);
    expect(checkForm(f, c).campaign!.checks).toEqual(c.checks);
    expect(CampaignSchema.safeParse({ ...v1, checks: [{ id: 'x', label: '是否', dimension: 'nowhere' }] }).success).toBe(false);
  });
});

describe('编辑活动: checked as the office types', () => {
  afterEach(cleanup);

  it('says next to a field what is wrong as soon as it is typed, and clears it once fixed', () => {
    renderPage(<CampaignEditor base={v1} onSaved={() => {}} />, {});
    expect(problemOf('ed-name')).toBeNull();
    input('ed-name', '  ');
    expect(problemOf('ed-name')).toBe('必填。');
    expect(screen.getByTestId('ed-name').getAttribute('aria-invalid')).toBe('true');
    input('ed-year', '20X6');
    expect(problemOf('ed-year')).toBe('应为 2000 到 2100 之间的整数。');
    input('ed-units-1-id', v1.units[0]!.id);
    expect(problemOf('ed-units-1-id')).toBe(`编号 ${v1.units[0]!.id} 已用过，每个编号只能用一次。`);
    expect(screen.getByTestId('editor-problems').textContent).toContain('还有 3 处需要改正');
    expect(screen.queryByTestId('save-campaign')).toBeNull();
    input('ed-name', '2026 年城管局民主评议');
    input('ed-year', '2026');
    input('ed-units-1-id', 'brigade9');
    expect(problemOf('ed-name')).toBeNull();
    expect(screen.queryByTestId('editor-problems')).toBeNull();
    expect(screen.getByTestId('save-campaign')).toBeTruthy();
  });

  it('shows the rater groups’ weights summing to 100 %, and the components’ points and parts adding up', () => {
    renderPage(<CampaignEditor base={v1} onSaved={() => {}} />, {});
    expect(screen.getByTestId('ed-group-total').textContent).toBe('权重合计：100 %');
    input('ed-groups-0-weight', '40');
    expect(screen.getByTestId('ed-group-total').textContent).toBe('权重合计：110 %');
    expect(within(screen.getByTestId('ed-groups')).getByRole('alert').textContent).toBe('各评议主体的权重合计应为 100 %，现在是 110 %。');
    input('ed-groups-1-weight', '20');
    expect(within(screen.getByTestId('ed-groups')).queryByRole('alert')).toBeNull();

    input('ed-components-0-max', '30');
    expect(screen.getByTestId('ed-max-total').textContent).toBe('满分合计：110 分');
    expect(screen.getByText('各分项满分合计应为 100 分（百分制），现在是 110 分。')).toBeTruthy();
    input('ed-components-0-max', '20');
    input('ed-components-1-parts-0-weight', '60');
    expect(screen.getByText('组成部分的比重合计应为 100 %，现在是 110 %。')).toBeTruthy();
    input('ed-components-1-parts-0-weight', '50');
    expect(screen.queryByTestId('editor-problems')).toBeNull();
  });

  it('refuses a scale without a counted level and a score out of range', () => {
    renderPage(<CampaignEditor base={labour} onSaved={() => {}} />, {});
    input('ed-scale-0-score', '120');
    expect(problemOf('ed-scale-0-score')).toBe('分值应为 0 到 100 之间的数，或留空（不了解）。');
    for (const i of [0, 1, 2, 3]) input(`ed-scale-${i}-score`, '');
    expect(within(screen.getByTestId('ed-scale')).getByText('至少要有一个计分的等级（分值不为空）。')).toBeTruthy();
  });

  it('shows the changes in words before saving, and saves a unit renamed and a yes/no question under its dimension', async () => {
    let saved: Campaign | undefined;
    let version = 0;
    renderPage(<CampaignEditor base={v1} onSaved={(v) => (version = v)} />, {
      'PUT /api/v1/admin/campaigns/demo': (req) => {
        saved = req.body as Campaign;
        return { body: { version: 2 } };
      },
    });
    expect(screen.getByText('与当前版本相同，尚无改动。')).toBeTruthy();
    input('ed-units-0-name', '局办公室（行政审批科）');
    fireEvent.click(screen.getByTestId('ed-dimensions-3-checks-add'));
    input('ed-dimensions-3-checks-0-label', '是否遇到索要财物');
    const changes = screen.getByTestId('editor-changes').textContent!;
    expect(changes).toContain(`被评单位改名：${v1.units[0]!.name} → 局办公室（行政审批科）`);
    expect(changes).toContain('是否类问题有改动');
    fireEvent.click(screen.getByTestId('save-campaign'));
    await waitFor(() => expect(version).toBe(2));
    expect(saved!.units[0]!.name).toBe('局办公室（行政审批科）');
    expect(saved!.checks!.at(-1)).toMatchObject({ label: '是否遇到索要财物', dimension: v1.dimensions[3]!.id });
    expect(CampaignSchema.safeParse(saved).success).toBe(true);
  });

  it('previews the questionnaire with the field app’s form: the dimensions, hints and the yes/no questions under theirs', () => {
    const c = CampaignSchema.parse({ ...labour, checks: [{ id: 'bribe', label: '是否遇到吃拿卡要', dimension: 'integrity' }] });
    renderPage(<CampaignEditor base={c} isNew onSaved={() => {}} />, {});
    fireEvent.click(screen.getByTestId('preview-toggle'));
    const preview = screen.getByTestId('questionnaire-preview');
    const integrity = within(preview).getByRole('region', { name: '廉洁自律' });
    expect(
      within(integrity)
        .getAllByRole('radio')
        .map((r) => r.getAttribute('aria-label') ?? r.textContent),
    ).toEqual(['优秀', '满意', '基本满意', '不满意']);
    const checks = within(preview).getByRole('region', { name: '廉洁自律：是否遇到以下情况' });
    expect(checks.textContent).toContain('是否遇到吃拿卡要');
    // The question comes right after its dimension's rating.
    const regions = within(preview)
      .getAllByRole('region')
      .map((r) => r.getAttribute('aria-label'));
    expect(regions[regions.indexOf('廉洁自律') + 1]).toBe('廉洁自律：是否遇到以下情况');
  });
});

describe('加密密钥', () => {
  afterEach(cleanup);

  it('asks for a passphrase of at least 12 characters, twice the same, before it makes a key', () => {
    renderPage(<KeySection campaignId="labour2027" value={null} onChange={() => {}} />, {});
    const go = screen.getByTestId('ed-key-generate') as HTMLButtonElement;
    expect(go.disabled).toBe(true);
    input('ed-key-pass', 'short');
    expect(problemOf('ed-key-pass')).toBe('口令至少 12 个字符。');
    input('ed-key-pass', 'a long enough passphrase');
    input('ed-key-pass2', 'a long enough passphrasE');
    expect(problemOf('ed-key-pass2')).toBe('两次输入的口令不一致。');
    expect(go.disabled).toBe(true);
    input('ed-key-pass2', 'a long enough passphrase');
    expect(go.disabled).toBe(false);
  });
});

describe('一票否决', () => {
  afterEach(cleanup);

  it('vetoes a unit with its reason and lifts the veto, each as the whole map the server takes', async () => {
    let vetoes: Record<string, string> = {};
    const puts: Record<string, string>[] = [];
    renderPage(<VetoSection campaign={v1} />, {
      'GET /api/v1/admin/campaigns/demo/vetoes': () => ({
        body: { vetoes, version: puts.length, setAt: puts.length ? '2026-11-20T02:00:00.000Z' : null, setBy: 'wang.li' },
      }),
      'PUT /api/v1/admin/campaigns/demo/vetoes': (req) => {
        vetoes = (req.body as { vetoes: Record<string, string> }).vetoes;
        puts.push(vetoes);
        return { body: { vetoes, version: puts.length, setAt: '2026-11-20T02:00:00.000Z' } };
      },
    });
    await screen.findByText('目前没有被否决的单位。');
    const unit = v1.units[2]!;
    fireEvent.change(screen.getByTestId('veto-unit'), { target: { value: unit.id } });
    input('veto-reason', '   ');
    expect(problemOf('veto-reason')).toBe('请写明否决理由。');
    expect((screen.getByTestId('veto-save') as HTMLButtonElement).disabled).toBe(true);
    input('veto-reason', '发生严重违纪问题 ');
    fireEvent.click(screen.getByTestId('veto-save'));
    const lift = await screen.findByRole('button', { name: `撤销对 ${unit.name} 的否决` });
    expect(puts).toEqual([{ [unit.id]: '发生严重违纪问题' }]);
    expect(screen.getByTestId('vetoes').textContent).toContain(`${unit.name}：发生严重违纪问题`);
    fireEvent.click(lift);
    await screen.findByText('目前没有被否决的单位。');
    expect(puts[1]).toEqual({});
  });
});
