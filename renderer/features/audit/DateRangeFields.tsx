import { DateInput, dateHint, typedDay } from '../../ui/DateField';

const labels = { from: '期間（開始日）', to: '期間（終了日）' } as const;

/** A filter's 期間: two local calendar days typed as every date is (和暦 or 西暦), either may be left empty. */
export function DateRangeFields({
  idPrefix,
  from,
  to,
  onChange,
}: {
  idPrefix: string;
  from: string;
  to: string;
  onChange(field: 'from' | 'to', value: string): void;
}) {
  return (
    <>
      {(['from', 'to'] as const).map((field) => {
        const id = `${idPrefix}-${field}`;
        return (
          <div className="field" key={field}>
            <label htmlFor={id}>{labels[field]}</label>
            <DateInput id={id} value={field === 'from' ? from : to} onChange={(value) => onChange(field, value)} aria-describedby={`${id}-hint`} />
            <p id={`${id}-hint`} className="hint">
              {dateHint}
            </p>
          </div>
        );
      })}
    </>
  );
}

/**
 * Typed local calendar days → inclusive ISO bounds on a timestamp index, so a day means the office's day and not
 * UTC's. Throws, naming the field, for a day that cannot be read or a 期間 that ends before it starts.
 */
export function localDayBounds(typedFrom: string, typedTo: string): { from?: string; to?: string } {
  const [from, to] = [typedDay(labels.from, typedFrom), typedDay(labels.to, typedTo)];
  if (from && to && from > to) throw new Error('期間: 開始日が終了日より後になっています');
  return {
    ...(from && { from: new Date(`${from}T00:00:00`).toISOString() }),
    ...(to && { to: new Date(`${to}T23:59:59.999`).toISOString() }),
  };
}
