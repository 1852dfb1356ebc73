import { localIsoDate } from '../../shared/casework/calendarDate';
import { reportDeadlines, reportRuleOn, type ReportDeadlines } from '../../shared/pia/incidentReports';
import type {
  AssessmentInput,
  IncidentInput,
  PiaAssessment,
  PrivacyRequest,
  PrivacyRequestInput,
  TrainingInput,
  TrainingRecord,
} from '../../shared/pia/records';
import { countdown, periodRuleOf, type CountdownState, type Extension } from '../../shared/pia/requestDeadlines';
import { assessmentDifferences, judgeThresholds, type ThresholdFigures, type ThresholdJudgement } from '../../shared/pia/thresholds';
import { untrainedStaff } from '../../shared/pia/training';
import type { User } from '../../shared/domain/records';
import { assertTableAccess } from '../data/access';
import { isDamaged, type DamagedRecord } from '../data/errors';
import type { IncidentLine } from '../data/repos/incidents';
import type { ServiceContext } from './context';
import { bindSession } from './sessionBound';

/** Who a request concerns as the counter gives it: a member found by ケース番号 and 氏名, or a description. */
export type PersonEntry = { kind: 'member'; caseNumber: string; name: string } | { kind: 'other'; description: string };

export type RequestLine = PrivacyRequest & { personLabel: string; countdown: CountdownState; rule: { source: string; confirmed: boolean } };
export type IncidentWithDeadlines = IncidentLine & { deadlines: ReportDeadlines; rule: { source: string; confirmed: boolean; note: string } };
export type ThresholdView = {
  figures: ThresholdFigures;
  judgement: ThresholdJudgement;
  filed: PiaAssessment | null;
  /** The answers of the filed assessment that today's figures contradict: non-empty means 再評価が必要. */
  differences: ReturnType<typeof assessmentDifferences>;
};

const opened = <T extends object>(rows: readonly (T | DamagedRecord)[]) => ({
  rows: rows.filter((row): row is T => !isDamaged(row)),
  damaged: rows.filter(isDamaged).length,
});

/**
 * 個人情報保護 (issue 14): the PIA's registers and its しきい値判断 for the screens. The rules — deadlines, bands, report
 * periods — are shared/pia's; who may keep the registers and what a write must satisfy are the data layer's
 * (renderer/data/repos/privacyRequests.ts and its siblings). This module joins them for a list and fills what must
 * not come from a form.
 */
export function piaServices({ store, session, repos }: ServiceContext) {
  const requests = bindSession(repos.privacyRequests, session);
  const incidents = bindSession(repos.incidents, session);
  const trainings = bindSession(repos.trainingRecords, session);
  const assessments = bindSession(repos.piaAssessment, session);
  const today = () => localIsoDate(store.now());

  return {
    privacy: {
      /** Whether this user keeps the registers (the data layer refuses the rest anyway). */
      mayKeep(): boolean {
        try {
          assertTableAccess(store, session, 'privacyRequests', 'write');
          return true;
        } catch {
          return false;
        }
      },

      async requests(): Promise<{ lines: RequestLine[]; damaged: number }> {
        const { rows, damaged } = opened(await requests.list());
        const labels = await requests.personLabels(rows);
        const now = today();
        const lines = rows.map((request) => {
          const rule = periodRuleOf(request.kind, request.receivedOn);
          return {
            ...request,
            personLabel: labels[request.id] ?? '',
            countdown: countdown(request, now),
            rule: { source: rule.source, confirmed: rule.confirmed },
          };
        });
        // Open requests first, the nearest deadline first; then the closed, latest received first.
        lines.sort((a, b) =>
          a.status === 'open' && b.status === 'open'
            ? a.countdown.deadline.localeCompare(b.countdown.deadline)
            : a.status === 'open'
              ? -1
              : b.status === 'open'
                ? 1
                : b.receivedOn.localeCompare(a.receivedOn),
        );
        return { lines, damaged };
      },

      async register(input: Omit<PrivacyRequestInput, 'person'> & { person: PersonEntry }): Promise<PrivacyRequest> {
        const person =
          input.person.kind === 'member'
            ? { kind: 'member' as const, ...(await requests.findMember(input.person.caseNumber, input.person.name)) }
            : input.person;
        return requests.register({ ...input, person });
      },
      extend: (id: string, extension: Extension) => requests.extend(id, extension),
      closeRequest: (id: string, outcome: { status: 'decided' | 'withdrawn'; on: string }) => requests.close(id, outcome),

      async incidents(): Promise<{ lines: IncidentWithDeadlines[]; damaged: number }> {
        const { rows, damaged } = opened<IncidentLine>(await incidents.list());
        const lines = rows
          .map((incident) => {
            const rule = reportRuleOn(incident.foundOn);
            return { ...incident, deadlines: reportDeadlines(incident), rule: { source: rule.source, confirmed: rule.confirmed, note: rule.note } };
          })
          .sort((a, b) => b.foundOn.localeCompare(a.foundOn));
        return { lines, damaged };
      },
      devices: () => incidents.devices(),
      recordIncident: (input: IncidentInput) => incidents.record(input),
      reportSent: (id: string, which: 'preliminary' | 'final', sentOn: string) => incidents.reportSent(id, which, sentOn),
      closeIncident: (id: string, closedOn: string) => incidents.close(id, closedOn),

      /** The trainings, the active staff, and those of them without a training this 年度. */
      async training(): Promise<{ records: TrainingRecord[]; staff: User[]; untrained: User[]; damaged: number }> {
        const { rows, damaged } = opened(await trainings.list());
        const staff = (await repos.staff.list(session)).filter((user) => user.status === 'active');
        return { records: rows.sort((a, b) => b.heldOn.localeCompare(a.heldOn)), staff, untrained: untrainedStaff(staff, rows, today()), damaged };
      },
      recordTraining: (input: TrainingInput) => trainings.record(input),

      /** The live figures, their bands and the assessment they require, against the office's filed assessment. */
      async thresholds(): Promise<ThresholdView> {
        const figures = await assessments.figures();
        const judgement = judgeThresholds(figures);
        const filed = opened(await assessments.list()).rows.sort((a, b) => b.filedOn.localeCompare(a.filedOn) || b.id.localeCompare(a.id))[0] ?? null;
        return { figures, judgement, filed, differences: filed ? assessmentDifferences(filed, judgement) : [] };
      },
      fileAssessment: (input: AssessmentInput) => assessments.file(input),
    },
  };
}
