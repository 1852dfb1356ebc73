import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { FormAlert } from '../../ui/FormAlert';
import type { Loadable } from '../../ui/useLoaded';

/**
 * A case's 帳票 page: the way back to the case (not printed), and the document once read — or why there is none.
 * `loaded` holds null when the record is not in this case.
 */
export function CaseDocument<T>({
  householdId,
  titleId,
  loaded,
  missing,
  children,
}: {
  householdId: string;
  titleId: string;
  loaded: Loadable<T | null>;
  missing: { title: string; message: string };
  children: (value: T) => ReactNode;
}) {
  if (loaded.state === 'loading') return <p>読み込んでいます…</p>;
  if (loaded.state === 'failed') return <FormAlert message={loaded.message} />;
  return (
    <section aria-labelledby={titleId}>
      <p className="no-print">
        <Link to={`/cases/${householdId}`}>ケースへ戻る</Link>
      </p>
      {loaded.value === null ? (
        <>
          <h2 id={titleId}>{missing.title}</h2>
          <p role="alert">{missing.message}</p>
        </>
      ) : (
        children(loaded.value)
      )}
    </section>
  );
}
