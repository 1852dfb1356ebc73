import type { CaseRecord, Consultation } from '../../shared/domain/records';
import { uuidv7 } from '../../shared/ids/uuidv7';
import type { ServiceContext } from './context';
import { bindSession } from './sessionBound';
import { unwrapResult } from './ipcResult';
import { mayRecordConsultation } from '../../shared/settings/officeSettings';

/**
 * The case's own records: ケース記録 and 相談. A new record is always the session user's (its author or 面接相談員 is
 * never taken from a form), and written through the repository, which checks role and scope.
 */
export function caseRecordServices({ session, repos, api }: ServiceContext) {
  const caseRecords = bindSession(repos.caseRecords, session);
  const consultations = bindSession(repos.consultations, session);
  // Read on each use: an administrator's change applies without unlocking again.
  const consultationTakers = async () => unwrapResult(await api.settingsGet({})).consultationTakers;
  return {
    caseRecords: {
      list: caseRecords.list,
      get: caseRecords.get,
      record: (householdId: string, values: Pick<CaseRecord, 'kind' | 'recordedOn' | 'body'>) =>
        caseRecords.save({ ...values, id: uuidv7(), householdId, authorId: session.userId }),
    },
    consultations: {
      list: consultations.list,
      get: consultations.get,
      /** Whether this user may record a 相談 under the office's setting: a screen shows the form only then. */
      async mayRecord(): Promise<boolean> {
        return mayRecordConsultation(session.role, await consultationTakers());
      },
      record: async (householdId: string, values: Omit<Consultation, 'id' | 'hlc' | 'householdId' | 'intakeOfficerId'>) =>
        repos.consultations.save(session, { ...values, id: uuidv7(), householdId, intakeOfficerId: session.userId }, await consultationTakers()),
    },
  };
}
