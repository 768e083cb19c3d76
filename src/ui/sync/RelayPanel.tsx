import { useRef, useState } from 'preact/hooks';
import type { PingyiDb } from '../../store/db';
import { serverClient } from '../../sync/http';
import { exportRelay, parseRelayFile, relayFileName } from '../../sync/relay';
import { forwardRelay, type RelayAnswer } from '../../sync/relay-forward';
import type { ServerKey } from '../../sync/state';
import { Banner } from '../components/Banner';
import { Button } from '../components/Button';
import { useT } from '../i18n';
import { useAnswerText } from './serverAnswers';
import { SYNC, type SyncKey } from './syncMessages';

/** Offers a JSON text as a file download (the tablet's Downloads folder). */
function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/** 导出: the unsent batches, signed by this tablet, as a relay file. */
export function RelayExport(props: { db: PingyiDb }) {
  const t = useT(SYNC);
  const [note, setNote] = useState<{ tone: 'ok' | 'info' | 'error'; text: string } | null>(null);
  const run = async () => {
    try {
      const file = await exportRelay(props.db);
      if (!file) return setNote({ tone: 'info', text: t('nothingToExport') });
      const name = relayFileName(file);
      download(name, JSON.stringify(file));
      const n = file.batches.reduce((s, b) => s + b.records.length, 0);
      setNote({ tone: 'ok', text: t('exported', { n, photos: file.blobs.length, name }) });
    } catch (e) {
      setNote({ tone: 'error', text: t('failed', { reason: (e as Error)?.message ?? String(e) }) });
    }
  };
  return (
    <div class="stack">
      <Button onClick={run} data-testid="relay-export">
        {t('export')}
      </Button>
      {note && (
        <Banner tone={note.tone}>
          <span data-testid="relay-export-note">{note.text}</span>
        </Banner>
      )}
    </div>
  );
}

/**
 * 导入: forwards a relay file to `serverUrl` unchanged and lists the server's answers. Also usable
 * by the office console (serverUrl = its own origin, db omitted).
 */
export function RelayImport(props: { serverUrl: string; serverKey: ServerKey | null; db?: PingyiDb; onDone?(): void }) {
  const t = useT(SYNC);
  const answer = useAnswerText();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [answers, setAnswers] = useState<RelayAnswer[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [warning, setWarning] = useState<string | null>(null);

  const onFile = async () => {
    const f = input.current?.files?.[0];
    if (!f) return;
    setBusy(true);
    setProblem(null);
    setWarning(null);
    setAnswers([]);
    try {
      const file = await parseRelayFile(await f.text());
      if (file.serverUrl.replace(/\/+$/, '') !== props.serverUrl.replace(/\/+$/, '')) {
        setWarning(t('otherServer', { server: file.serverUrl, mine: props.serverUrl }));
      }
      const client = serverClient(props.serverUrl, (u, i) => fetch(u, i));
      const got: RelayAnswer[] = [];
      await forwardRelay(file, {
        client,
        serverKey: props.serverKey,
        db: props.db,
        onAnswer: (a) => {
          got.push(a);
          setAnswers([...got]);
        },
      });
      props.onDone?.();
    } catch (e) {
      setProblem((e as Error)?.message ?? String(e));
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };

  return (
    <div class="stack">
      <input ref={input} type="file" accept="application/json,.json" hidden onChange={onFile} data-testid="relay-file" />
      <Button onClick={() => input.current?.click()} disabled={busy} data-testid="relay-import">
        {busy ? t('importing') : t('import')}
      </Button>
      {warning && <Banner tone="warn">{warning}</Banner>}
      {problem && <Banner tone="error">{t('failed', { reason: problem })}</Banner>}
      {answers.length > 0 && (
        <ul class="list-plain" data-testid="relay-answers">
          {answers.map((a, i) => (
            <li key={i}>
              {t('answer', {
                item: t(`item-${a.item}` as SyncKey),
                label: a.item === 'blob' ? a.label.slice(0, 12) + '…' : a.label,
                outcome: t(`outcome-${a.outcome}` as SyncKey),
              })}
              {(a.outcome === 'refused' || a.outcome === 'retry') && <span class="muted"> — {answer({ code: a.code ?? 'network', reason: a.message })}</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
