import { isRealDate } from '../../shared/calc/dates';
import { addMonthsToMonth } from '../../shared/casework/calendarDate';
import type { VisitGrade } from '../../shared/casework/visitPlan';
import { annualSurvey, annualSurveyCsv, annualSurveyLayout } from '../../shared/figures/annualSurvey';
import { caseloadOn, type Caseload } from '../../shared/figures/caseload';
import { monthlyCsvLayout, monthlyFiguresCsv } from '../../shared/figures/figuresCsv';
import { monthlyFigures, prepareOffice, type MonthlyFigures } from '../../shared/figures/monthlyFigures';
import { trendCharts, type TrendChart } from '../../shared/figures/trends';
import { visitFigures, type VisitFigures } from '../../shared/figures/visitFigures';
import { officeVisitGrades, type StoredOfficeSettings } from '../../shared/settings/officeSettings';
import type { CaseEntry } from '../data/caseListRows';
import { InvalidRecordError } from '../data/errors';
import { readDashboardFacts, readFigureFacts, readSurveyFacts } from '../data/figureFacts';
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

/** Trend windows the dashboard offers, in months. */
export const trendWindows = [12, 24, 36] as const;
export type TrendWindow = (typeof trendWindows)[number];

export interface Dashboard {
  /** The months of the trend, oldest first, ending with the month asked. */
  months: string[];
  charts: TrendChart[];
  caseload: Caseload;
  visits: VisitFigures;
  grades: readonly VisitGrade[];
  /** Caseworkers' names by id, for the charts' labels. */
  names: Record<string, string>;
  damaged: number;
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

      /**
       * The dashboard up to `last`: the trend of the last `span` months, caseload per caseworker against the
       * standard and visit achievement by caseworker and grade at the end of `last` — one read of the office.
       */
      async dashboard(last: string, span: TrendWindow): Promise<Dashboard> {
        if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(last)) throw new InvalidRecordError('month', '対象月は YYYY-MM で指定してください');
        if (!trendWindows.includes(span)) throw new InvalidRecordError('window', '推移の期間は12・24・36か月から選んでください');
        const months = Array.from({ length: span }, (_, k) => addMonthsToMonth(last, k - span + 1));
        const stored = await settings();
        const grades = officeVisitGrades(stored);
        const lookback = Math.max(...grades.map((g) => g.intervalMonths));
        const [facts, extra, staff] = await Promise.all([
          readFigureFacts(store, session),
          readDashboardFacts(store, session, last, lookback),
          repos.staff.list(session),
        ]);
        const office = prepareOffice(facts.households);
        const population = stored.population?.count ?? null;
        const figures = months.map((month) => monthlyFigures(office, month, population));
        const end = figures.at(-1)!.asOf;
        const protectedThen = new Set(figures.at(-1)!.households.total.householdIds);
        return {
          months,
          charts: trendCharts(figures),
          caseload: caseloadOn(
            office.households.map((h) => ({ timeline: h.timeline, assignedTo: extra.assignedTo.get(h.id) ?? null })),
            end,
          ),
          // Visits are due for the households protected at the month's end (a closed case has no visits due).
          visits: visitFigures(
            extra.planned.filter((c) => protectedThen.has(c.caseId)),
            grades,
            last,
          ),
          grades,
          names: Object.fromEntries(staff.map((u) => [u.id, u.name])),
          damaged: facts.damaged + extra.damaged,
        };
      },

      /**
       * 年次調査 as of `surveyDay`: the household and person records with the office's pseudonymous keys, without
       * 個人番号, name or address (shared/figures/annualSurvey.ts); the export is logged.
       */
      async annualSurveyCsv(surveyDay: string): Promise<string> {
        if (!isRealDate(surveyDay)) throw new InvalidRecordError('surveyDay', '調査日は実在する日を YYYY-MM-DD で入力してください');
        const [facts, stored] = await Promise.all([readSurveyFacts(store, session), settings()]);
        const survey = annualSurvey(facts.households, surveyDay);
        const text = annualSurveyCsv(survey, annualSurveyLayout, stored.officeName);
        await repos.auditLog.record(session, {
          kind: 'export',
          detail: { what: `年次調査 ${surveyDay}`, householdId: null, count: survey.households.length },
        });
        return text;
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
