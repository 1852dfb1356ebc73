import type { TrainingHousehold } from '../../../shared/training/trainingHouseholds.js';
import { TRAINING_CASE_PREFIX } from '../../../shared/training/trainingHouseholds.js';
import type { Session } from '../../../shared/domain/staff.js';
import { uuidv7 } from '../../../shared/ids/uuidv7.js';
import { assertSession } from '../access.js';
import { appendAudit } from '../audit.js';
import type { DataStore } from '../db.js';
import { AccessDeniedError, InvalidRecordError } from '../errors.js';
import { writeTransaction } from '../outbox.js';
import { changedFields } from './recordWriter.js';

/**
 * Writes synthetic households (shared/training) into a training office. The administrator, who may not write
 * case data otherwise, may write these: only rows built here from generated households, each case number marked
 * 研修, never a 個人番号 or 宛名番号. One transaction per batch, with the hub outbox and one audit entry per household,
 * so a training office syncs and audits like a real one.
 */
export function trainingRepository(store: DataStore) {
  return {
    /** Writes `batch` atomically; returns the new household ids. */
    async seed(session: Session, officeId: string, batch: readonly TrainingHousehold[]): Promise<string[]> {
      assertSession(store, session);
      if (session.role !== 'systemAdmin') throw new AccessDeniedError('研修用データの作成はシステム管理者だけが行えます');
      if (batch.some((h) => !h.caseNumber.startsWith(TRAINING_CASE_PREFIX))) throw new InvalidRecordError('caseNumber', '研修用データのケース番号は「研修」で始まります');
      return writeTransaction(store, ['households', 'members', 'caseRecords', 'visitPlans'], async (writer) => {
        const ids: string[] = [];
        for (const { caseNumber, status, address, phone, assignedTo, members, records, visit } of batch) {
          const household = await writer.put('households', { id: uuidv7(), officeId, caseNumber, assignedTo, status, address, phone });
          const householdId = household.id;
          for (const { name, kana, birthDate, sex, relation } of members) {
            await writer.put('members', { id: uuidv7(), householdId, name, kana, birthDate, sex, relation, myNumber: null, atenaNumber: null, nonDisclosure: false });
          }
          for (const record of records) await writer.put('caseRecords', { id: uuidv7(), householdId, authorId: assignedTo ?? session.userId, ...record });
          await writer.put('visitPlans', { id: uuidv7(), householdId, grade: visit.grade, nextDueOn: visit.nextDueOn, note: '' });
          await appendAudit(store, session.userId, { kind: 'create', detail: { table: 'households', recordId: householdId, householdId, fields: changedFields(undefined, household) } });
          ids.push(householdId);
        }
        return ids;
      });
    },
  };
}
