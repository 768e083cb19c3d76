import type { Campaign } from '../../../domain/campaign';
import type { RecordType } from '../../../domain/records';
import { TYPES } from '../../../store/queries';
import { Button } from '../../components/Button';
import { ChoiceChips, Select } from '../../components/Choice';
import { TYPE_NAMES } from '../../components/recordTypes';
import { useT } from '../../i18n';
import type { ListFilter } from './filter';
import { RECORDS } from './messages';

const ALL = '';

/** The list's filters as chips and two pickers: status, sending, type, unit, day. */
export function Filters(props: { filter: ListFilter; campaign: Campaign; onChange(f: ListFilter): void }) {
  const t = useT(RECORDS);
  const types = useT(TYPE_NAMES);
  const { filter: f, onChange } = props;
  const set = (patch: Partial<ListFilter>) => {
    const next = { ...f, ...patch };
    for (const k of Object.keys(next) as (keyof ListFilter)[]) if (next[k] === undefined || next[k] === ALL) delete next[k];
    onChange(next);
  };
  return (
    <div class="filters" role="search" aria-label={t('filters')}>
      <div class="filters-row">
        <ChoiceChips
          label={t('status')}
          options={[
            { value: 'sealed', label: t('sealed') },
            { value: 'drafts', label: t('drafts') },
          ]}
          value={f.status}
          onChange={(status) => set({ status, sent: undefined })}
        />
        {f.status === 'sealed' && (
          <ChoiceChips
            label={t('sent')}
            options={[
              { value: ALL, label: t('all') },
              { value: 'sent', label: t('sentYes') },
              { value: 'unsent', label: t('sentNo') },
            ]}
            value={f.sent ?? ALL}
            onChange={(sent) => set({ sent: sent || undefined })}
          />
        )}
        <span class="filter-pair">
          <label class="chips-label" for="filter-unit">
            {t('unit')}
          </label>
          <Select
            id="filter-unit"
            options={[{ value: ALL, label: t('allUnits') }, ...props.campaign.units.map((u) => ({ value: u.id, label: u.name }))]}
            value={f.unitId ?? ALL}
            onChange={(unitId) => set({ unitId: unitId || undefined })}
          />
        </span>
        <span class="filter-pair">
          <label class="chips-label" for="filter-day">
            {t('day')}
          </label>
          <input
            id="filter-day"
            class="input"
            type="date"
            value={f.day ?? ''}
            onChange={(e) => set({ day: (e.currentTarget as HTMLInputElement).value || undefined })}
          />
          {f.day && (
            <Button variant="quiet" onClick={() => set({ day: undefined })}>
              {t('clearDay')}
            </Button>
          )}
        </span>
      </div>
      <ChoiceChips
        label={t('type')}
        options={[{ value: ALL, label: t('all') }, ...TYPES.map((ty) => ({ value: ty, label: types(ty) }))]}
        value={f.type ?? ALL}
        onChange={(type) => set({ type: (type || undefined) as RecordType | undefined })}
      />
    </div>
  );
}
