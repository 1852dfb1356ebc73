import type { ReactNode } from 'react';
import { isDamaged, type DamagedRecord } from '../../shared/domain/damagedRecord';

/**
 * A case's records as a list: an empty-state line when there are none, and a row that failed to open shown as
 * damaged in its place, so one bad record never hides the others.
 */
export function RecordList<T extends { id: string }>({
  label,
  rows,
  empty,
  render,
}: {
  label: string;
  rows: readonly (T | DamagedRecord)[];
  empty: string;
  render: (row: T) => ReactNode;
}) {
  if (rows.length === 0) return <p>{empty}</p>;
  return (
    <ol className="case-records" aria-label={label}>
      {rows.map((row) =>
        isDamaged(row) ? (
          <li key={row.id} className="damaged-row">
            {row.__integrityError}
          </li>
        ) : (
          <li key={row.id}>{render(row as T)}</li>
        ),
      )}
    </ol>
  );
}
