import type { CaseEntry } from '../data/caseListRows';
import type { ServiceContext } from './context';

/** Up to this many households (a caseload, a team) the list is whole and sortable; above it (the hub's office) it is paged. */
export const WHOLE_LIST_LIMIT = 500;
export const PAGE_SIZE = 100;

export interface CaseListing {
  entries: CaseEntry[];
  /** Households in the scope, counted from the indexes. */
  total: number;
  /** The first row's position when the list is paged; null when it is whole. */
  offset: number | null;
}

/**
 * ケース一覧 and its search, each one read of what the list shows (repos.households.caseRows / searchRows): the
 * session's scope is resolved once and kept by the data layer until a household or a user changes, so opening the
 * list or turning a page reads only the lines shown.
 */
export function caseListServices({ session, repos }: Pick<ServiceContext, 'session' | 'repos'>) {
  return {
    caseList: {
      /**
       * The whole scope when it is small, else page `page` in case-number order — counted and ordered from the
       * clear indexes, with only that page's households opened.
       */
      async open(page = 0): Promise<CaseListing> {
        const offset = page * PAGE_SIZE;
        const { ids, total } = await repos.households.page(session, offset, PAGE_SIZE);
        if (total <= WHOLE_LIST_LIMIT) return { entries: await repos.households.caseRows(session), total, offset: null };
        return { entries: await repos.households.caseRows(session, ids), total, offset };
      },
      /** Every match in the scope (never paged), as list lines; audited as a search by the data layer. */
      search(text: string): Promise<CaseEntry[]> {
        return repos.households.searchRows(session, text);
      },
    },
  };
}
