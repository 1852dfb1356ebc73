import { useMemo, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { caseStatusLabels } from '../../../shared/casework/caseStatus';
import { roleLabels } from '../../../shared/auth/roles';
import { FormAlert } from '../../ui/FormAlert';
import { NextVisit } from '../visits/NextVisit';
import { useUnlocked } from '../../session/SessionProvider';
import { loadCaseEntries, sortCases, type CaseEntry, type Sort, type SortKey } from './caseList';
import { messageOf } from './caseLabels';
import { useLoaded } from './useLoaded';

const columns: { key: SortKey; label: string }[] = [
  { key: 'caseNumber', label: 'ケース番号' },
  { key: 'status', label: '状態' },
  { key: 'headKana', label: '世帯主' },
  { key: 'address', label: '住所' },
  { key: 'caseworkerName', label: '担当' },
  { key: 'nextVisitDue', label: '次回訪問' },
];

/** 担当ケース一覧: the session's scope (caseload, team, intake queue, office) as the data layer decides it. */
export function CaseList() {
  const unlocked = useUnlocked();
  const { repos, session } = unlocked;
  const loaded = useLoaded(() => loadCaseEntries(repos, session), [repos, session]);

  const [draft, setDraft] = useState('');
  const [search, setSearch] = useState<{ query: string; found: ReadonlySet<string> }>({ query: '', found: new Set() });
  const [searchError, setSearchError] = useState<string | null>(null);
  const [sort, setSort] = useState<Sort>({ key: 'caseNumber', ascending: true });

  // Searches run on Enter, not per keystroke: IME input is left alone, and each search is one audit entry.
  const submitSearch = async (event: FormEvent) => {
    event.preventDefault();
    setSearchError(null);
    if (draft.trim() === '') return setSearch({ query: '', found: new Set() });
    try {
      // The data layer searches the session's scope only, with kana folding, and audits the search.
      const matches = await repos.households.search(session, draft);
      setSearch({ query: draft, found: new Set(matches.map((m) => m.household.id)) });
    } catch (error) {
      setSearchError(`検索できませんでした: ${messageOf(error)}`);
    }
  };

  const shown = useMemo((): CaseEntry[] => {
    if (loaded.state !== 'ready') return [];
    const all = loaded.value;
    const found = search.query === '' ? all : all.filter((e) => e.kind === 'case' && search.found.has(e.row.id));
    return sortCases(found, sort);
  }, [loaded, search, sort]);

  const toggleSort = (key: SortKey) => setSort((s) => ({ key, ascending: s.key === key ? !s.ascending : true }));

  return (
    <section aria-labelledby="cases-title">
      <h2 id="cases-title">ケース一覧</h2>
      <p className="notice">{roleLabels[session.role]}として閲覧できるケースを表示しています。</p>
      <p>
        <Link to="/cases/new" className="button-link">
          新規ケース登録
        </Link>
        {' '}
        <Link to="/cases/visits">訪問達成状況</Link>
      </p>
      <form role="search" onSubmit={(e) => void submitSearch(e)} className="case-search">
        <label htmlFor="case-search">検索（氏名・フリガナ・住所・ケース番号）</label>
        <input id="case-search" type="search" value={draft} onChange={(e) => setDraft(e.target.value)} autoComplete="off" />
        <button type="submit">検索</button>
      </form>
      <FormAlert message={searchError} />
      {loaded.state === 'loading' && <p>読み込んでいます…</p>}
      {loaded.state === 'failed' && <FormAlert message={loaded.message} />}
      {loaded.state === 'ready' && (
        <>
          <p aria-live="polite">{search.query ? `「${search.query}」の検索結果: ${shown.length}件` : `${shown.length}件`}</p>
          <table className="case-table" aria-label="ケース一覧">
            <thead>
              <tr>
                {columns.map((column) => (
                  <th key={column.key} scope="col" aria-sort={sort.key === column.key ? (sort.ascending ? 'ascending' : 'descending') : undefined}>
                    <button type="button" className="sort-button" onClick={() => toggleSort(column.key)}>
                      {column.label}
                      {sort.key === column.key ? (sort.ascending ? ' ▲' : ' ▼') : ''}
                    </button>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {shown.map((entry) =>
                entry.kind === 'damaged' ? (
                  <tr key={entry.id} className="damaged-row">
                    <td colSpan={columns.length}>{entry.message}</td>
                  </tr>
                ) : (
                  <tr key={entry.row.id}>
                    <td>
                      <Link to={`/cases/${entry.row.id}`}>{entry.row.caseNumber}</Link>
                    </td>
                    <td>{caseStatusLabels[entry.row.status]}</td>
                    <td>
                      {entry.row.headName}
                      <span className="kana">{entry.row.headKana}</span>
                    </td>
                    <td>{entry.row.address}</td>
                    <td>{entry.row.caseworkerName}</td>
                    <td>
                      <NextVisit due={entry.row.nextVisitDue} />
                    </td>
                  </tr>
                ),
              )}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
