import type { Session } from '../../../shared/domain/staff.js';
import { uuidv7 } from '../../../shared/ids/uuidv7.js';
import { extensionSchema, privacyRequestInputSchema, type PrivacyRequest } from '../../../shared/pia/records.js';
import { extensionProblem } from '../../../shared/pia/requestDeadlines.js';
import { normalizeText, searchKey } from '../../../shared/text/kana.js';
import { assertTableAccess, scopedHousehold } from '../access.js';
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

    /**
     * The member a request concerns, found by ケース番号 and 氏名 as the counter has them, within the session's scope
     * (the case-list rules); the names compared as the search compares them (searchKey: kana folded, spaces ignored).
     */
    async findMember(session: Session, caseNumber: string, name: string): Promise<{ householdId: string; memberId: string }> {
      assertTableAccess(store, session, 'members', 'read');
      const households = await store.db.households.where('caseNumber').equals(normalizeText(caseNumber).trim()).primaryKeys();
      if (households.length === 0) throw new InvalidRecordError('person.caseNumber', 'このケース番号の世帯はありません');
      const household = await scopedHousehold(store, session, households[0]!, 'read');
      const wanted = searchKey(name);
      const members = await store.db.members.where('householdId').equals(household.id).toArray();
      const found = members.find((m) => !isDamaged(m) && (searchKey(m.name) === wanted || searchKey(m.kana) === wanted));
      if (!found) throw new InvalidRecordError('person.name', 'この世帯にこの氏名の世帯員はいません');
      return { householdId: household.id, memberId: found.id };
    },

    /**
     * How each request's person reads on the list: a member by name and ケース番号 for staff who may read members
     * (the scope rules apply), plain 世帯員 for others (the 監査担当 reads the register, not the case).
     */
    async personLabels(session: Session, requests: readonly PrivacyRequest[]): Promise<Record<string, string>> {
      let readsMembers = true;
      try {
        assertTableAccess(store, session, 'members', 'read');
      } catch {
        readsMembers = false;
      }
      const labels: Record<string, string> = {};
      for (const request of requests) {
        const { person } = request;
        if (person.kind === 'other') labels[request.id] = person.description;
        else {
          const household = readsMembers ? await scopedHousehold(store, session, person.householdId, 'read').catch(() => null) : null;
          const member = household ? await store.db.members.get(person.memberId) : undefined;
          labels[request.id] = household && member && !isDamaged(member) ? `${member.name}（ケース番号 ${household.caseNumber}）` : '世帯員';
        }
      }
      return labels;
    },

    async register(session: Session, input: unknown): Promise<PrivacyRequest> {
      const request = validRecord(privacyRequestInputSchema, input);
      notAfterToday(request.receivedOn, ledger.today(), 'receivedOn');
      const row: PrivacyRequest = { ...request, id: uuidv7(), status: 'open', extension: null, decidedOn: null, recordedBy: session.userId };
      return ledger.write(session, row, {
        kind: 'create',
        fields: Object.keys(request),
        householdId: householdOf(row),
        reads: ['users', 'households', 'members'],
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
