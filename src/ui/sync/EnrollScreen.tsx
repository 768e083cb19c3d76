import { useEffect, useState } from 'preact/hooks';
import { EnrollError, enrollDevice } from '../../sync/enroll';
import { readEnrollment, type Enrollment } from '../../sync/state';
import { Banner } from '../components/Banner';
import { Button, LinkButton } from '../components/Button';
import { Field } from '../components/Field';
import { formatDateTime } from '../components/format';
import { useApp, type ScreenProps } from '../context';
import { useT } from '../i18n';
import { ENROLL } from './enrollMessages';
import { defaultDeviceLabel, parseEnrollPayload } from './enrollPayload';
import { QrScanner } from './QrScanner';
import { useAnswerText, type AnswerFacts } from './serverAnswers';

type Problem = { text: string };

/** 登记本机 '#/enroll': the one-time code (typed or scanned) makes this tablet a device of a campaign. */
export default function EnrollScreen({ params }: ScreenProps) {
  const { db, reloadSession, lang } = useApp();
  const t = useT(ENROLL);
  const answer = useAnswerText();
  const [server, setServer] = useState(params.server ?? location.origin);
  const [code, setCode] = useState(params.code ?? '');
  const [label, setLabel] = useState(() => defaultDeviceLabel(navigator.userAgent, t('tablet')));
  const [scanning, setScanning] = useState(false);
  const [scanned, setScanned] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [current, setCurrent] = useState<{ e: Enrollment; campaign: string } | null>(null);
  const [done, setDone] = useState<{ e: Enrollment; campaign: string } | null>(null);

  useEffect(() => {
    void (async () => {
      const e = await readEnrollment(db);
      if (e) setCurrent({ e, campaign: (await db.campaigns.get(e.campaignId))?.definition.name ?? e.campaignId });
    })().catch(() => undefined); // only the "already enrolled" note depends on it
  }, [db, done]);

  const onScan = (text: string) => {
    setScanning(false);
    const p = parseEnrollPayload(text);
    if (p.server) setServer(p.server);
    if (p.code) setCode(p.code);
    setScanned(Boolean(p.code));
    setProblem(null);
  };

  const submit = async (ev: Event) => {
    ev.preventDefault();
    if (!code.trim()) return setProblem({ text: t('needCode') });
    setBusy(true);
    setProblem(null);
    try {
      const e = await enrollDevice(db, {
        serverUrl: server,
        code,
        label: label.trim() || defaultDeviceLabel(navigator.userAgent, t('tablet')),
        fetchFn: (u, i) => fetch(u, i),
      });
      const campaign = (await db.campaigns.get(e.campaignId))?.definition.name ?? e.campaignId;
      await reloadSession();
      setDone({ e, campaign });
    } catch (err) {
      setProblem(describe(err, t, answer));
    } finally {
      setBusy(false);
    }
  };

  if (done) {
    return (
      <section class="screen stack" aria-labelledby="enroll-title">
        <h1 id="enroll-title">{t('done')}</h1>
        <Banner tone="ok">
          <span data-testid="enroll-done">{t('doneText', { campaign: done.campaign, collector: done.e.collector, role: t(`role-${done.e.role}`) })}</span>
        </Banner>
        <div class="row">
          <LinkButton href="#/" variant="primary" size="large">
            {t('start')}
          </LinkButton>
          <LinkButton href="#/sync">{t('goSync')}</LinkButton>
        </div>
      </section>
    );
  }

  return (
    <section class="screen stack" aria-labelledby="enroll-title">
      <h1 id="enroll-title">{t('title')}</h1>
      <p>{t('intro')}</p>
      {current && (
        <Banner tone="info">
          {t('already', { campaign: current.campaign, collector: current.e.collector, date: formatDateTime(current.e.enrolledAt, lang) })}
        </Banner>
      )}
      {scanning ? (
        <QrScanner onResult={onScan} onClose={() => setScanning(false)} />
      ) : (
        <Button size="large" onClick={() => setScanning(true)} data-testid="enroll-scan">
          {t('scan')}
        </Button>
      )}
      {scanned && <p class="muted">{t('scanned')}</p>}
      <form class="stack" onSubmit={submit} noValidate>
        <Field id="enroll-code" label={t('code')} hint={t('codeHint')}>
          <input
            id="enroll-code"
            class="input"
            value={code}
            autocomplete="off"
            autocapitalize="characters"
            spellcheck={false}
            onInput={(e) => setCode(e.currentTarget.value)}
            data-testid="enroll-code"
          />
        </Field>
        <Field id="enroll-server" label={t('server')} hint={t('serverHint')}>
          <input
            id="enroll-server"
            class="input"
            type="url"
            inputMode="url"
            value={server}
            onInput={(e) => setServer(e.currentTarget.value)}
            data-testid="enroll-server"
          />
        </Field>
        <Field id="enroll-label" label={t('label')} hint={t('labelHint')}>
          <input id="enroll-label" class="input" value={label} maxLength={100} onInput={(e) => setLabel(e.currentTarget.value)} data-testid="enroll-label" />
        </Field>
        {problem && (
          <Banner tone="error">
            <span data-testid="enroll-error">{problem.text}</span>
          </Banner>
        )}
        <Button type="submit" variant="primary" size="large" disabled={busy} data-testid="enroll-submit">
          {busy ? t('submitting') : t('submit')}
        </Button>
      </form>
    </section>
  );
}

function describe(err: unknown, t: ReturnType<typeof useT<keyof (typeof ENROLL)['en']>>, answer: (a: AnswerFacts) => string): Problem {
  if (err instanceof EnrollError) {
    // A retried answer that names a protocol code (rate-limited, unavailable …) is told by that code.
    const said = err.code === 'network' ? answer({ code: 'network', ...(err.serverMessage ? { reason: err.serverMessage } : {}) }) : null;
    if (said && said !== answer({ code: 'network' })) return { text: t('err-answer', { reason: said }) };
    if (err.code === 'unsent-records') return { text: t('err-unsent-records', { n: err.serverMessage ?? '?' }) };
    // Our words for the code only: the server's own sentence is English and says no more.
    return { text: t(`err-${err.code}`) };
  }
  return { text: t('err-unexpected', { reason: (err as Error)?.message ?? String(err) }) };
}
