/** A filter's 期間: two local calendar days, either may be left empty. */
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
      <div className="field">
        <label htmlFor={`${idPrefix}-from`}>期間（開始日）</label>
        <input id={`${idPrefix}-from`} type="date" value={from} onChange={(e) => onChange('from', e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${idPrefix}-to`}>期間（終了日）</label>
        <input id={`${idPrefix}-to`} type="date" value={to} onChange={(e) => onChange('to', e.target.value)} />
      </div>
    </>
  );
}

/**
 * Local calendar days → inclusive ISO bounds on a timestamp index, so a day means the office's day and not UTC's.
 */
export function localDayBounds(from: string, to: string): { from?: string; to?: string } {
  return {
    ...(from && { from: new Date(`${from}T00:00:00`).toISOString() }),
    ...(to && { to: new Date(`${to}T23:59:59.999`).toISOString() }),
  };
}
