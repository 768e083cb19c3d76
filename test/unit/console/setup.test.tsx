import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import type { Campaign } from '../../../src/domain/campaign';
import { NewCampaignSection } from '../../../src/ui/console/campaign/NewCampaignSection';
import { unitsFromPaste } from '../../../src/ui/console/campaign/paste-units';
import { PasteUnitsSection } from '../../../src/ui/console/campaign/PasteUnitsSection';
import { SaveFlow } from '../../../src/ui/console/campaign/SaveFlow';
import { VersionsSection } from '../../../src/ui/console/campaign/VersionsSection';
import { CAMPAIGN } from './fake-server';
import { renderPage } from './render';

const v1: Campaign = { ...CAMPAIGN, version: 1 };
const v2: Campaign = {
  ...CAMPAIGN,
  version: 2,
  units: [...CAMPAIGN.units, { id: 'hall', name: '便民服务大厅', category: '窗口单位' }],
  raterGroups: CAMPAIGN.raterGroups.map((g) => ({ ...g, weight: g.id === 'client' ? 0.5 : g.id === 'expert' ? 0.2 : g.weight })),
};

describe('活动设置', () => {
  afterEach(cleanup);

  it('lists the versions with who and when, and says what changed between two of them', async () => {
    renderPage(<VersionsSection campaign={v2} refresh={0} />, {
      'GET /api/v1/admin/campaigns/demo/versions': () => ({
        body: {
          versions: [
            { version: 1, at: '2026-11-01T02:00:00.000Z', actor: 'wang.li', hash: 'a'.repeat(64) },
            { version: 2, at: '2026-11-20T02:00:00.000Z', actor: 'admin-token', hash: 'b'.repeat(64) },
          ],
        },
      }),
      'GET /api/v1/admin/campaigns/demo/versions/1': () => ({ body: v1 }),
      'GET /api/v1/admin/campaigns/demo/versions/2': () => ({ body: v2 }),
    });
    const changes = await screen.findByTestId('version-changes');
    expect(screen.getByTestId('versions').textContent).toContain('wang.li');
    expect(changes.textContent).toContain('新增被评单位：便民服务大厅');
    expect(changes.textContent).toContain('服务对象 的权重：40 % → 50 %');
  });

  it('asks for a confirmation naming the effect before saving a change that re-scores, then saves with it', async () => {
    const puts: string[] = [];
    renderPage(<SaveFlow draft={v2} current={v1} onSaved={() => {}} />, {
      'PUT /api/v1/admin/campaigns/demo': (req) => {
        puts.push(req.query.get('confirm') ?? '');
        return req.query.get('confirm') === 'rescore'
          ? { body: { version: 2 } }
          : {
              status: 409,
              body: {
                error: 'rescore-needs-confirm',
                message: 'x'.repeat(20),
                changes: [{ kind: 'weight', id: 'client', label: '服务对象', from: 0.4, to: 0.5 }],
              },
            };
      },
    });
    fireEvent.click(screen.getByTestId('save-campaign'));
    const confirm = await screen.findByTestId('rescore-confirm');
    expect(confirm.textContent).toContain('所有被评单位的得分和名次都会按新规则重新计算');
    expect(confirm.textContent).toContain('服务对象 的权重：40 % → 50 %');
    expect(puts).toEqual(['']);
    fireEvent.click(screen.getByTestId('confirm-rescore'));
    await screen.findByText('已保存为第 2 版。');
    expect(puts).toEqual(['', 'rescore']);
  });

  it('says which unit with records cannot be removed', async () => {
    renderPage(<SaveFlow draft={{ ...v1, units: v1.units.slice(1) }} current={v1} onSaved={() => {}} />, {
      'PUT /api/v1/admin/campaigns/demo': () => ({ status: 409, body: { error: 'unit-in-use', message: 'x'.repeat(20), units: [v1.units[0]!.id] } }),
    });
    fireEvent.click(screen.getByTestId('save-campaign'));
    expect((await screen.findByRole('alert')).textContent).toContain(`被评单位 ${v1.units[0]!.name} 已有记录，不能删除`);
  });

  it('checks a new campaign as it is typed and creates it from the seed-004 template', async () => {
    let created: Campaign | undefined;
    renderPage(<NewCampaignSection current={v1} existing={['demo']} />, {
      'PUT /api/v1/admin/campaigns/labour2027': (req) => {
        created = req.body as Campaign;
        return { status: 201, body: { version: 1 } };
      },
    });
    const create = screen.getByTestId('new-create') as HTMLButtonElement;
    fireEvent.input(screen.getByTestId('new-id'), { target: { value: 'demo' } });
    expect(screen.getByText('已有编号为 demo 的活动。')).toBeTruthy();
    fireEvent.input(screen.getByTestId('new-id'), { target: { value: '劳动 2027' } });
    expect(screen.getByText('编号只能用字母、数字、- 和 _（1–64 个）。')).toBeTruthy();
    expect(create.disabled).toBe(true);
    fireEvent.input(screen.getByTestId('new-id'), { target: { value: 'labour2027' } });
    fireEvent.input(screen.getByTestId('new-name'), { target: { value: '2027 年劳动保障系统民主评议' } });
    fireEvent.change(screen.getByTestId('new-template'), { target: { value: 'seed-004' } });
    expect(create.disabled).toBe(false);
    fireEvent.click(create);
    await waitFor(() => expect(created).toBeDefined());
    expect(created!.scale.map((l) => l.score)).toEqual([90, 80, 70, 50]);
    expect(created!.scoring.components.map((c) => c.max)).toEqual([70, 30]);
    expect(created).toMatchObject({ id: 'labour2027', year: 2027 });
  });
});

describe('粘贴被评单位', () => {
  afterEach(cleanup);

  it('makes units of a pasted Excel column (with an optional category column), skipping blanks and names already there', () => {
    const c = { units: [{ id: 'u1', name: '局办公室', category: '机关科室' }] };
    expect(unitsFromPaste('便民服务大厅\t窗口单位\r\n\n  局办公室  \n执法四大队\n执法四大队\n', c, '行政执法类')).toEqual([
      { id: 'u2', name: '便民服务大厅', category: '窗口单位' },
      { id: 'u3', name: '执法四大队', category: '行政执法类' },
    ]);
  });

  it('shows the units a paste adds in words and saves them as a new version', async () => {
    let saved: Campaign | undefined;
    renderPage(<PasteUnitsSection campaign={v1} onSaved={() => {}} />, {
      'PUT /api/v1/admin/campaigns/demo': (req) => {
        saved = req.body as Campaign;
        return { body: { version: 2 } };
      },
    });
    fireEvent.input(screen.getByTestId('paste-units'), { target: { value: '便民服务大厅\t窗口单位\n' } });
    expect(screen.getByTestId('paste-changes').textContent).toBe('新增被评单位：便民服务大厅');
    fireEvent.click(screen.getByTestId('save-campaign'));
    await screen.findByText('已保存为第 2 版。');
    expect(saved!.units.at(-1)).toEqual({ id: 'u1', name: '便民服务大厅', category: '窗口单位' });
  });
});
