import { useState } from 'preact/hooks';
import { useT } from '../../i18n';
import { useConsole, useLoad, useRefused } from '../context';
import { Button, ErrorBanner, LoadStatus } from '../ui';
import { rectMessages } from './messages';

/** 单位账号 (office admins): the accounts of the campaign's units, and a form to open one for a unit. */
export function UnitAccounts() {
  const t = useT(rectMessages);
  const { api, campaign } = useConsole();
  const c = campaign!;
  const refused = useRefused();
  const list = useLoad(() => api.unitAccounts(c.id), [c.id]);
  const [error, setError] = useState<unknown>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const unitName = (id: string | undefined) => c.units.find((u) => u.id === id)?.name ?? id ?? '';

  async function open(e: Event) {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const f = new FormData(form);
    const get = (k: string) => String(f.get(k) ?? '').trim();
    setError(null);
    setNote('');
    setBusy(true);
    try {
      const person = await api.createUnitAccount(c.id, {
        username: get('username'),
        unitId: get('unitId'),
        password: String(f.get('password') ?? ''),
        ...(get('displayName') ? { displayName: get('displayName') } : {}),
      });
      form.reset();
      setNote(t('accountCreated', { unit: unitName(person.unitId), username: person.username }));
      list.reload();
    } catch (err) {
      setError(await refused(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <details class="c-card" data-testid="unit-accounts">
      <summary>{t('accountsHeading')}</summary>
      <p class="c-muted">{t('accountsIntro')}</p>
      <LoadStatus load={list} />
      {list.data && list.data.length === 0 && <p>{t('noAccounts')}</p>}
      {list.data && list.data.length > 0 && (
        <ul>
          {list.data.map((p) => (
            <li key={p.username}>
              <strong>{unitName(p.unitId)}</strong> · {p.username}
              {p.displayName && ` (${p.displayName})`}
            </li>
          ))}
        </ul>
      )}
      {note && (
        <p class="c-banner c-banner-info" role="status">
          {note}
        </p>
      )}
      {error != null && <ErrorBanner error={error} />}
      <form onSubmit={(e) => void open(e)} aria-label={t('accountsHeading')}>
        <label>
          {t('unit')}
          <select name="unitId" required>
            {c.units.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('username')}
          <input name="username" required maxLength={64} pattern="[A-Za-z0-9._@\-]{2,64}" autocomplete="off" />
        </label>
        <label>
          {t('displayName')}
          <input name="displayName" maxLength={100} />
        </label>
        <label>
          {t('password')}
          <input name="password" type="password" required minLength={10} maxLength={200} autocomplete="new-password" />
        </label>
        <Button kind="primary" type="submit" disabled={busy}>
          {t('createAccount')}
        </Button>
      </form>
    </details>
  );
}
