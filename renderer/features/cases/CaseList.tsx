import { useMemo, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { caseStatusLabels } from '../../../shared/casework/caseStatus';
import { roleLabels } from '../../../shared/auth/roles';
import { worksThroughHub } from '../../../shared/domain/staff';
import { FormAlert } from '../../ui/FormAlert';
import { NextVisit } from '../visits/NextVisit';
import { useServices, useUnlocked } from '../../session/SessionProvider';
import { VirtualTable } from '../../ui/VirtualTable';
import { PAGE_SIZE, sortCases, type CaseEntry, type Sort, type SortKey } from './caseRows';

import { useLoaded } from '../../ui/useLoaded';
import { messageOf } from '../../ui/messageOf';
import { Form } from '../../ui/Form';

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
  const services = useServices();
  const { session } = useUnlocked();
  const [page, setPage] = useState(0);
  const loaded = useLoaded(() => services.caseList.open(page), [services, page]);

  const [draft, setDraft] = useState('');
  const [search, setSearch] = useState<{ query: string; entries: CaseEntry[] }>({ query: '', entries: [] });
  const [searchError, setSearchError] = useState<string | null>(null);
  const [sort, setSort] = useState<Sort>({ key: 'caseNumber', ascending: true });

  // Searches run on Enter, not per keystroke: IME input is left alone, and each search is one audit entry.
  const submitSearch = async (event: FormEvent) => {
    event.preventDefault();
    setSearchError(null);
    // Searched even while the list is still loading: the search does not need the list, and is shown once it has loaded.
    if (draft.trim() === '') return setSearch({ query: '', entries: [] });
    try {
      // The data layer searches the session's scope only, with kana folding, audits the search and gives the
      // matches as list lines in the same read.
      setSearch({ query: draft, entries: await services.caseList.search(draft) });
    } catch (error) {
      setSearchError(`検索できませんでした: ${messageOf(error)}`);
    }
  };

  const shown = useMemo((): CaseEntry[] => {
    if (loaded.state !== 'ready') return [];
    return sortCases(search.query === '' ? loaded.value.entries : search.entries, sort);
  }, [loaded, search, sort]);
  // The pager belongs to a paged list; search results are whole.
  const pageStart = loaded.state === 'ready' && search.query === '' ? loaded.value.offset : null;
  const total = loaded.state === 'ready' ? loaded.value.total : 0;
  // Clamped: a second press while the next page loads must not run past the last page.
  const lastPage = Math.max(0, Math.ceil(total / PAGE_SIZE) - 1);
  const turn = (by: number) => setPage((p) => Math.min(lastPage, Math.max(0, p + by)));

  const toggleSort = (key: SortKey) => setSort((s) => ({ key, ascending: s.key === key ? !s.ascending : true }));

  return (
    <section aria-labelledby="cases-title">
      <h2 id="cases-title">ケース一覧</h2>
      <p className="notice">{roleLabels[session.role]}として閲覧できるケースを表示しています。</p>
      <p>
        <Link to="/cases/new" className="button-link">
          新規ケース登録
        </Link>{' '}
        <Link to="/cases/visits">訪問達成状況</Link>
        {(session.role === 'supervisor' || session.role === 'manager') && !worksThroughHub(session) && (
          <>
            {' '}
            <Link to="/cases/reassign">担当の一括変更（異動）</Link>
          </>
        )}
      </p>
      <search>
        <Form onSubmit={(e) => void submitSearch(e)} className="case-search">
          <label htmlFor="case-search">検索（氏名・フリガナ・住所・ケース番号）</label>
          <input id="case-search" type="search" value={draft} onChange={(e) => setDraft(e.target.value)} autoComplete="off" />
          <button type="submit">検索</button>
        </Form>
      </search>
      <FormAlert message={searchError} />
      {loaded.state === 'loading' && <p>読み込んでいます…</p>}
      {loaded.state === 'failed' && <FormAlert message={loaded.message} />}
      {loaded.state === 'ready' && (
        <>
          <p aria-live="polite">
            {search.query
              ? `「${search.query}」の検索結果: ${shown.length}件`
              : pageStart !== null
                ? `${total}件中 ${pageStart + 1}–${pageStart + shown.length}件`
                : `${shown.length}件`}
          </p>
          {pageStart !== null && (
            <nav aria-label="ケース一覧のページ" className="pager">
              <button type="button" disabled={pageStart === 0} onClick={() => turn(-1)}>
                前へ
              </button>
              <button type="button" disabled={pageStart + PAGE_SIZE >= total} onClick={() => turn(1)}>
                次へ
              </button>
              <span className="hint">
                ケース番号順に{PAGE_SIZE}件ずつ表示しています。列での並べ替えはこのページの中だけです。全件から探すには検索してください。
              </span>
            </nav>
          )}
          <VirtualTable
            // A new list (a page, a search) starts at its top.
            key={`${search.query}\u0000${pageStart ?? ''}`}
            label="ケース一覧"
            className="case-table"
            columnCount={columns.length}
            head={columns.map((column) => (
              <th key={column.key} scope="col" aria-sort={sort.key === column.key ? (sort.ascending ? 'ascending' : 'descending') : undefined}>
                <button type="button" className="sort-button" onClick={() => toggleSort(column.key)}>
                  {column.label}
                  {sort.key === column.key ? (sort.ascending ? ' ▲' : ' ▼') : ''}
                </button>
              </th>
            ))}
            count={shown.length}
            rowKey={(i) => entryKey(shown[i]!)}
            row={(i) => caseLine(shown[i]!)}
          />
        </>
      )}
    </section>
  );
}

const entryKey = (entry: CaseEntry) => (entry.kind === 'damaged' ? entry.id : entry.row.id);

function caseLine(entry: CaseEntry) {
  if (entry.kind === 'damaged') return { className: 'damaged-row', cells: <td colSpan={columns.length}>{entry.message}</td> };
  const { row } = entry;
  return {
    cells: (
      <>
        <td>
          <Link to={`/cases/${row.id}`}>{row.caseNumber}</Link>
        </td>
        <td>{caseStatusLabels[row.status]}</td>
        <td>
          {row.headName}
          <span className="kana">{row.headKana}</span>
        </td>
        <td>{row.address}</td>
        <td>{row.caseworkerName}</td>
        <td>
          <NextVisit due={row.nextVisitDue} />
        </td>
      </>
    ),
  };
}
