import {
  listSelfInspections,
  runSelfInspection,
  selfInspectionReport,
  signOffSelfInspection,
  refKindLabels,
  type InspectionReport,
  type KeyStoreUser,
} from '../data/selfInspection';
import type { ServiceContext } from './context';
import { MainRefusal, unwrapResult } from './ipcResult';

/** A report as a table for a spreadsheet: one line per record behind a finding, and one per clear check. */
function reportTable(report: InspectionReport) {
  const header = ['点検日時', '点検期間', '点検項目', '判定', '件数', '規則', '記録の種類', '記録ID', '記録', '日時', '内容'];
  const period = `${report.period.from}〜${report.period.to}`;
  const lines = report.checks.flatMap((check) => {
    const head = [report.ranAt, period, check.title, check.status === 'found' ? '指摘あり' : '指摘なし', check.count, check.rule];
    if (check.refs.length === 0) return [[...head, '', '', '', '', check.note ?? '']];
    return check.refs.map((ref) => [...head, refKindLabels[ref.kind], ref.id, ref.label, ref.at ?? '', ref.detail ?? '']);
  });
  return { header, lines };
}

/**
 * 自己点検 (issue 14): runs the inspection of the data layer (renderer/data/selfInspection.ts, which judges who may)
 * with main's key store when main lists it to this session — main lists it to the システム管理者 only; for the
 * 監査担当 the key store's own events in the log stand in. The CSV and the printed report are logged as they leave.
 */
export function selfInspectionServices({ store, session, repos, api }: ServiceContext) {
  const keyStore = async (): Promise<KeyStoreUser[] | null> => {
    try {
      return unwrapResult(await api.usersList({})).users;
    } catch (error) {
      if (error instanceof MainRefusal && error.code === 'NOT_AUTHORIZED') return null;
      throw error;
    }
  };
  return {
    selfInspection: {
      async run(period: { from: string; to: string }, progress?: (done: number, total: number) => void): Promise<InspectionReport> {
        return runSelfInspection(store, session, { period, keyStore: await keyStore(), ...(progress && { progress }) });
      },
      list: () => listSelfInspections(store, session),
      get: (id: string) => selfInspectionReport(store, session, id),
      signOff: (id: string) => signOffSelfInspection(store, session, id),
      /** The report as CSV lines; the export is logged first. */
      async csv(id: string): Promise<{ header: string[]; lines: (string | number)[][] }> {
        const report = await selfInspectionReport(store, session, id);
        const table = reportTable(report);
        await repos.auditLog.record(session, {
          kind: 'export',
          detail: { what: `自己点検報告 ${report.ranAt.slice(0, 10)}`, householdId: null, count: table.lines.length },
        });
        return table;
      },
    },
  };
}
