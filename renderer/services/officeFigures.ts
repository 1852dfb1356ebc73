import { monthlyCsvLayout, monthlyFiguresCsv } from '../../shared/figures/figuresCsv';
import { monthlyFigures, prepareOffice, type MonthlyFigures } from '../../shared/figures/monthlyFigures';
import type { StoredOfficeSettings } from '../../shared/settings/officeSettings';
import type { CaseEntry } from '../data/caseListRows';
import { readFigureFacts } from '../data/figureFacts';
import type { ServiceContext } from './context';
import { unwrapResult } from './ipcResult';

export type Population = NonNullable<StoredOfficeSettings['population']>;

export interface FiguresReport {
  /** In the order the months were asked. */
  figures: MonthlyFigures[];
  /** Rows left out because they did not open (the screen says so). */
  damaged: number;
  population: Population | null;
}

/**
 * 統計: the office's 被保護者調査 月次 figures (shared/figures) for any months, computed from one read of the
 * office's approved decisions, applications and members (renderer/data/figureFacts.ts, which decides who may make
 * it); the cases behind a figure through the case list's scoped read, so a drill-down shows only the cases the
 * session may open; the CSV in the layout kept as data, logged as an export.
 */
export function officeFiguresServices({ store, session, repos, api }: Pick<ServiceContext, 'store' | 'session' | 'repos' | 'api'>) {
  const settings = async () => unwrapResult(await api.settingsGet({}));

  async function report(months: readonly string[]): Promise<FiguresReport & { officeName: string }> {
    const [facts, stored] = await Promise.all([readFigureFacts(store, session), settings()]);
    const office = prepareOffice(facts.households);
    const population = stored.population ?? null;
    return {
      figures: months.map((month) => monthlyFigures(office, month, population?.count ?? null)),
      damaged: facts.damaged,
      population,
      officeName: stored.officeName,
    };
  }

  return {
    officeFigures: {
      async months(months: readonly string[]): Promise<FiguresReport> {
        const { officeName: _name, ...rest } = await report(months);
        return rest;
      },

      /** The case-list lines of the households behind a figure that the session may see; `hidden`: the others. */
      async cases(householdIds: readonly string[]): Promise<{ entries: CaseEntry[]; hidden: number }> {
        const entries = householdIds.length === 0 ? [] : await repos.households.caseRows(session, householdIds);
        return { entries, hidden: householdIds.length - entries.length };
      },

      /** The month's CSV (figures as of now), in monthlyCsvLayout; the export is logged. */
      async csv(month: string): Promise<string> {
        const { figures, officeName } = await report([month]);
        const text = monthlyFiguresCsv(figures[0]!, monthlyCsvLayout, officeName);
        await repos.auditLog.record(session, {
          kind: 'export',
          detail: { what: `月次統計 ${month}`, householdId: null, count: figures[0]!.households.total.value },
        });
        return text;
      },

      /** Logs the printing of a month's summary (the screen prints). */
      async printed(month: string): Promise<void> {
        await repos.auditLog.record(session, { kind: 'print', detail: { what: `月次統計 ${month}`, householdId: null, count: 1 } });
      },

      /** The population the 保護率 is against; main saves it for the administrator only. */
      async setPopulation(population: Population): Promise<Population> {
        const saved = unwrapResult(await api.settingsUpdate({ population }));
        return saved.population ?? population;
      },
    },
  };
}
