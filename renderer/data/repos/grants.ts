import { isIsoDate } from '../../../shared/casework/calendarDate.js';
import { grantKinds, type BenefitGrant, type Household } from '../../../shared/domain/records.js';
import type { Session } from '../../../shared/domain/staff.js';
import { uuidv7 } from '../../../shared/ids/uuidv7.js';
import { assertTableAccess, scopedHousehold } from '../access.js';
import { appendAudit } from '../audit.js';
import type { DataStore } from '../db.js';
import { InvalidRecordError } from '../errors.js';
import { linkageTables, reconcileHouseholdLinkage } from '../linkage/householdLinkage.js';
import { writeTransaction } from '../outbox.js';

/**
 * 就労自立給付金・進学・就職準備給付金 decided for a household, from the wizard's result. Recorded on the household
 * and, in the same transaction, carried into the 副本 of the period it was decided in (a correction there).
 */

export type GrantInput = Pick<BenefitGrant, 'kind' | 'decidedOn' | 'amount' | 'basis'>;

export function grantsRepository(store: DataStore) {
  return {
    async record(session: Session, householdId: string, input: GrantInput): Promise<Household> {
      assertTableAccess(store, session, 'households', 'write');
      if (!grantKinds.includes(input.kind)) throw new InvalidRecordError('kind', '給付金の種類を選択してください');
      if (!isIsoDate(input.decidedOn)) throw new InvalidRecordError('decidedOn', '支給決定日を入力してください');
      if (!Number.isInteger(input.amount) || input.amount <= 0) throw new InvalidRecordError('amount', '支給額は1円以上の整数です');
      return writeTransaction(store, linkageTables, async (writer) => {
        const household = await scopedHousehold(store, session, householdId, 'write');
        const grant: BenefitGrant = { ...input, id: uuidv7(), recordedBy: session.userId };
        const saved = await writer.put('households', { ...household, grants: [...(household.grants ?? []), grant] });
        await appendAudit(store, session.userId, { kind: 'update', detail: { table: 'households', recordId: householdId, householdId, fields: ['grants'] } });
        await reconcileHouseholdLinkage(store, writer, session.userId, householdId);
        return saved;
      });
    },
  };
}
