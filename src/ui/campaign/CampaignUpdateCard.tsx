import { useEffect, useState } from 'preact/hooks';
import { markCampaignUpdateSeen, unseenCampaignUpdate, type CampaignUpdateNotice } from '../../sync/campaign-notice';
import { Banner } from '../components/Banner';
import { Button } from '../components/Button';
import { useApp } from '../context';
import { defineMessages, useT } from '../i18n';
import { changeText } from './changeWords';

export const MESSAGES = defineMessages('ui/campaign/CampaignUpdateCard', {
  'zh-Hans': {
    title: '活动已更新',
    body: '纠风办修改了评议活动（第 {from} 版 → 第 {to} 版）。新开始的问卷按新版本填写；已开始的草稿可以照常完成。',
    ok: '知道了',
    more: '另有 {n} 处改动',
  },
});

const SHOWN = 8;

/**
 * 活动已更新: the campaign update a sync took, with what changed, until the user acknowledges it.
 * `refresh` changes after each sync so the card looks again. The session is rebuilt when it still
 * runs an older version, so new drafts use the new one at once.
 */
export function CampaignUpdateCard(props: { refresh?: unknown }) {
  const { db, session, lang, reloadSession } = useApp();
  const t = useT(MESSAGES);
  const [notice, setNotice] = useState<CampaignUpdateNotice>();
  useEffect(() => {
    let live = true;
    unseenCampaignUpdate(db).then(
      (n) => live && setNotice(n),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [db, props.refresh]);
  const stale = !!notice && !session.practice && session.campaign.id === notice.campaignId && (session.campaign.version ?? 0) < notice.to;
  useEffect(() => {
    if (stale) void reloadSession();
  }, [stale, reloadSession]);
  if (!notice || session.practice || session.campaign.id !== notice.campaignId) return null;
  const ok = async () => {
    await markCampaignUpdateSeen(db);
    setNotice(undefined);
  };
  return (
    <Banner
      tone="info"
      title={t('title')}
      actions={
        <Button onClick={ok} data-testid="campaign-update-ok">
          {t('ok')}
        </Button>
      }
    >
      <div data-testid="campaign-update">
        <p>{t('body', { from: notice.from, to: notice.to })}</p>
        <ul>
          {notice.changes.slice(0, SHOWN).map((c, i) => (
            <li key={i}>{changeText(c, lang)}</li>
          ))}
        </ul>
        {notice.changes.length > SHOWN && <p class="muted">{t('more', { n: notice.changes.length - SHOWN })}</p>}
      </div>
    </Banner>
  );
}
