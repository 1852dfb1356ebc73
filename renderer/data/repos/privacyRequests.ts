import type { Session } from '../../../shared/domain/staff.js';
import { uuidv7 } from '../../../shared/ids/uuidv7.js';
import { extensionSchema, privacyRequestInputSchema, type PrivacyRequest } from '../../../shared/pia/records.js';
import { extensionProblem } from '../../../shared/pia/requestDeadlines.js';
import { scopedHousehold } from '../access.js';
import type { DataStore } from '../db.js';
import { InvalidRecordError, isDamaged } from '../errors.js';
import { validRecord } from '../validation.js';
import { notAfterToday, privacyLedger } from './privacyLedger.js';

/**
 * 開示・訂正・利用停止・消去の請求: registered with the identity (and for an agent, the agency) check as the counter saw
 * it, its 決定期限 from shared/pia/requestDeadlines.ts, an extension with its reason, and its close. A request about
 * a member names the member, checked to be in the household and in the registering staff's scope.
 */
export function privacyRequestsRepository(store: DataStore) {
  const ledger = privacyLedger(store, 'privacyRequests');
  const householdOf = (request: Pick<PrivacyRequest, 'person'>) => (request.person.kind === 'member' ? request.person.householdId : null);

  return {
    list: ledger.list,

    async register(session: Session, input: unknown): Promise<PrivacyRequest> {
      const request = validRecord(privacyRequestInputSchema, input);
      notAfterToday(request.receivedOn, ledger.today(), 'receivedOn');
      const row: PrivacyRequest = { ...request, id: uuidv7(), status: 'open', extension: null, decidedOn: null, recordedBy: session.userId };
      return ledger.write(session, row, {
        kind: 'create',
        fields: Object.keys(request),
        householdId: householdOf(row),
        check: async () => {
          const checker = await store.db.users.get(request.identityCheck.checkedBy);
          if (!checker || isDamaged(checker)) throw new InvalidRecordError('identityCheck.checkedBy', '確認した職員が職員名簿にありません');
          if (request.person.kind !== 'member') return;
          await scopedHousehold(store, session, request.person.householdId, 'read');
          const member = await store.db.members.get(request.person.memberId);
          if (!member || isDamaged(member) || member.householdId !== request.person.householdId)
            throw new InvalidRecordError('person.memberId', 'この世帯の世帯員ではありません');
        },
      });
    },

    /** 期限の延長 (第83条第2項ほか): once, while open, within the law's days, notified by the first deadline. */
    async extend(session: Session, id: string, input: unknown): Promise<PrivacyRequest> {
      const extension = validRecord(extensionSchema, input);
      const before = await ledger.stored(session, id);
      if (before.status !== 'open') throw new InvalidRecordError('days', '終了した請求の期限は延長できません');
      if (before.extension) throw new InvalidRecordError('days', 'この請求の期限はすでに延長されています');
      const problem = extensionProblem(before, extension);
      if (problem) throw new InvalidRecordError(problem.field, problem.message);
      return ledger.write(session, { ...before, extension }, { kind: 'update', fields: ['extension'], householdId: householdOf(before) });
    },

    /** The decision was notified (or the request withdrawn): the countdown stops. */
    async close(session: Session, id: string, outcome: { status: 'decided' | 'withdrawn'; on: string }): Promise<PrivacyRequest> {
      const before = await ledger.stored(session, id);
      if (before.status !== 'open') throw new InvalidRecordError('status', 'この請求はすでに終了しています');
      if (outcome.on < before.receivedOn) throw new InvalidRecordError('decidedOn', '決定日が受付日より前になっています');
      notAfterToday(outcome.on, ledger.today(), 'decidedOn');
      return ledger.write(
        session,
        { ...before, status: outcome.status, decidedOn: outcome.on },
        { kind: 'update', fields: ['status', 'decidedOn'], householdId: householdOf(before) },
      );
    },
  };
}
