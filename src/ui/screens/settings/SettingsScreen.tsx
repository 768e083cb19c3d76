import { useState } from 'preact/hooks';
import type { SessionMode } from '../../../platform/settings';
import type { CheckResult } from '../../../pwa/updates';
import { Banner } from '../../components/Banner';
import { Button, LinkButton } from '../../components/Button';
import { ChoiceChips } from '../../components/Choice';
import { ReadField } from '../../components/Field';
import { readDisplay, saveDisplay, type Display } from '../../components/display';
import { formatDateTime } from '../../components/format';
import { useShell } from '../../components/shell/ShellContext';
import { useApp } from '../../context';
import { LANGS, useT } from '../../i18n';
import { StorageCard } from '../home/StorageCard';
import { SETTINGS } from './messages';

/** 设置: language, practice or live campaign, device ids, storage, version and updates. */
export default function SettingsScreen() {
  const { lang, setLang, reloadSession } = useApp();
  const shell = useShell();
  const t = useT(SETTINGS);
  const { loaded, settings } = shell;
  const enrollment = loaded.enrollment;
  const [switchFailed, setSwitchFailed] = useState(false);
  const [display, setDisplay] = useState<Display>(readDisplay);

  const switchMode = async (mode: SessionMode) => {
    try {
      setSwitchFailed(false);
      await settings.setMode(mode);
      await reloadSession();
    } catch (e) {
      console.error(e);
      setSwitchFailed(true);
    }
  };

  return (
    <section class="screen stack" aria-labelledby="settings-title">
      <h1 id="settings-title">{t('title')}</h1>

      <section class="card">
        <h2>{t('language')}</h2>
        <ChoiceChips label={t('language')} hideLabel options={LANGS.map((l) => ({ value: l.id, label: l.label }))} value={lang} onChange={setLang} />
      </section>

      <section class="card">
        <h2>{t('display')}</h2>
        <p class="muted">{t('displayHint')}</p>
        <ChoiceChips<Display>
          label={t('display')}
          hideLabel
          options={[
            { value: 'normal', label: t('displayNormal') },
            { value: 'bold', label: t('displayBold') },
          ]}
          value={display}
          onChange={(d) => {
            saveDisplay(d);
            setDisplay(d);
          }}
        />
      </section>

      <section class="card">
        <h2>{t('mode')}</h2>
        <p class="muted">{t('modeHint')}</p>
        {enrollment ? (
          <ChoiceChips<SessionMode>
            label={t('mode')}
            hideLabel
            options={[
              { value: 'practice', label: t('practice') },
              { value: 'enrolled', label: t('real', { name: loaded.mode === 'enrolled' ? loaded.session.campaign.name : enrollment.campaignId }) },
            ]}
            value={loaded.mode}
            onChange={(m) => void switchMode(m)}
          />
        ) : (
          <div class="row">
            <p>{t('notEnrolled')}</p>
            <LinkButton href="#/enroll" variant="primary">
              {t('enroll')}
            </LinkButton>
          </div>
        )}
        {switchFailed && <Banner tone="error">{t('switchFailed')}</Banner>}
        {enrollment && (
          <>
            <h3>{t('enrollment')}</h3>
            <dl class="read-list">
              <ReadField label={t('server')}>{enrollment.serverUrl}</ReadField>
              <ReadField label={t('collector')}>{enrollment.collector}</ReadField>
              <ReadField label={t('role')}>{t(enrollment.role)}</ReadField>
              <ReadField label={t('enrolledAt')}>{formatDateTime(enrollment.enrolledAt, lang)}</ReadField>
            </dl>
            <p>
              <LinkButton href="#/enroll">{t('reEnroll')}</LinkButton>
            </p>
          </>
        )}
      </section>

      <section class="card">
        <h2>{t('devices')}</h2>
        <dl class="read-list">
          <ReadField label={t('practiceDevice')}>
            <span class="mono" data-testid="practice-device">
              {loaded.practiceDeviceId}
            </span>
          </ReadField>
          {enrollment && (
            <ReadField label={t('realDevice')}>
              <span class="mono">{enrollment.deviceId}</span>
            </ReadField>
          )}
        </dl>
      </section>

      <StorageCard storage={shell.storage} />
      <About />
    </section>
  );
}

/** Version and "check for update" (the update itself goes through the shell's prompt). */
function About() {
  const shell = useShell();
  const t = useT(SETTINGS);
  const { updates } = shell;
  const [result, setResult] = useState<CheckResult | 'checking'>();
  const check = async () => {
    if (!updates) return;
    setResult('checking');
    const r = await updates.check();
    setResult(r);
    if (updates.isWaiting()) updates.remind();
  };
  return (
    <section class="card">
      <h2>{t('about')}</h2>
      <dl class="read-list">
        <ReadField label={t('version')}>
          <span data-testid="version">{shell.version}</span>
        </ReadField>
      </dl>
      {updates ? (
        <div class="row">
          <Button onClick={check} disabled={result === 'checking'}>
            {result === 'checking' ? t('checking') : t('check')}
          </Button>
          {updates.isWaiting() ? (
            <>
              <span>{t('waiting')}</span>
              <Button variant="primary" onClick={() => updates.remind()}>
                {t('showUpdate')}
              </Button>
            </>
          ) : (
            result && result !== 'checking' && <span role="status">{t(result)}</span>
          )}
        </div>
      ) : (
        <p class="muted">{t('noWorker')}</p>
      )}
    </section>
  );
}
