import type { TrainingHousehold } from '../../../shared/training/trainingHouseholds.js';
import { TRAINING_CASE_PREFIX } from '../../../shared/training/trainingHouseholds.js';
import type { CaseRecord, Household, Member, VisitPlan } from '../../../shared/domain/records.js';
import type { Session } from '../../../shared/domain/staff.js';
import { uuidv7 } from '../../../shared/ids/uuidv7.js';
import { assertSession } from '../access.js';
import type { DataStore } from '../db.js';
import { AccessDeniedError, InvalidRecordError } from '../errors.js';
import { writeInChunks, type Unstamped } from '../outbox.js';
import { changedFields } from './recordWriter.js';

/**
 * Writes synthetic households (shared/training) into a training office. The administrator, who may not write
 * case data otherwise, may write these: only rows built here from generated households, each case number marked
 * 研修, never a 個人番号 or 宛名番号. The hub outbox and one audit entry per household, so a training office syncs
 * and audits like a real one — through the batched write path: the rows of a transaction are built in memory and
 * written with one bulk request per table, their outbox entries, audit entries (chained in memory), counters and
 * search tokens (from the rows in hand) with a few more.
 */

/** Households per transaction: about 1,000 rows (a household averages 8–9 with members, notes and its plan). */
export const TRAINING_HOUSEHOLDS_PER_TRANSACTION = 120;

export function trainingRepository(store: DataStore) {
  return {
    /**
     * Writes `batch`, atomically up to TRAINING_HOUSEHOLDS_PER_TRANSACTION households (a larger batch is written
     * in transactions of that size, each whole or absent); returns the new household ids.
     */
    async seed(session: Session, officeId: string, batch: readonly TrainingHousehold[]): Promise<string[]> {
      assertSession(store, session);
      if (session.role !== 'systemAdmin') throw new AccessDeniedError('研修用データの作成はシステム管理者だけが行えます');
      if (batch.some((h) => !h.caseNumber.startsWith(TRAINING_CASE_PREFIX)))
        throw new InvalidRecordError('caseNumber', '研修用データのケース番号は「研修」で始まります');
      const chunks = await writeInChunks(
        store,
        ['households', 'members', 'caseRecords', 'visitPlans'],
        batch,
        TRAINING_HOUSEHOLDS_PER_TRANSACTION,
        async (writer, chunk) => {
          const households: Unstamped<Household>[] = [];
          const members: Unstamped<Member>[] = [];
          const records: Unstamped<CaseRecord>[] = [];
          const plans: Unstamped<VisitPlan>[] = [];
          for (const { caseNumber, status, address, phone, assignedTo, members: people, records: notes, visit } of chunk) {
            const householdId = uuidv7();
            households.push({ id: householdId, officeId, caseNumber, assignedTo, status, address, phone });
            for (const { name, kana, birthDate, sex, relation } of people) {
              members.push({ id: uuidv7(), householdId, name, kana, birthDate, sex, relation, myNumber: null, atenaNumber: null, nonDisclosure: false });
            }
            for (const record of notes) records.push({ id: uuidv7(), householdId, authorId: assignedTo ?? session.userId, ...record });
            plans.push({ id: uuidv7(), householdId, grade: visit.grade, nextDueOn: visit.nextDueOn, note: '' });
          }
          // Every id is new, and every member of these households is in `members`: nothing to read back.
          const fresh = { fresh: true } as const;
          const written = await writer.putMany('households', households, fresh);
          await writer.putMany('members', members, fresh);
          await writer.putMany('caseRecords', records, fresh);
          await writer.putMany('visitPlans', plans, fresh);
          for (const household of written) {
            writer.audit(session.userId, {
              kind: 'create',
              detail: { table: 'households', recordId: household.id, householdId: household.id, fields: changedFields(undefined, household) },
            });
          }
          return written.map((household) => household.id);
        },
      );
      return chunks.flat();
    },
  };
}
