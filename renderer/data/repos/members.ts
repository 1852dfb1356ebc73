import { assessIdentityVerification, type IdentityVerification } from '../../../shared/casework/identityVerification.js';
import { maskMyNumber, validateMyNumber } from '../../../shared/casework/myNumber.js';
import { memberSchema } from '../../../shared/casework/member.js';
import type { Member } from '../../../shared/domain/records.js';
import type { Session } from '../../../shared/domain/staff.js';
import { assertTableAccess, assertWritableHouseholds, myNumberAccessOf, scopedHousehold } from '../access.js';
import { appendAudit } from '../audit.js';
import type { DataStore } from '../db.js';
import { AccessDeniedError, IntegrityError, InvalidRecordError, isDamaged, type DamagedRecord } from '../errors.js';
import { linkageTables, reconcileHouseholdLinkage } from '../linkage/householdLinkage.js';
import { writeTransaction, type Unstamped } from '../outbox.js';
import { householdRecords } from './householdRecords.js';
import { saveRecord } from './recordWriter.js';
import { deviceToday, validRecord } from '../validation.js';

/**
 * Members, with 個人番号 handled apart: reads return it masked (`**** **** 1234`) to roles that may reveal it and
 * not at all to others; the full number comes only from `revealMyNumber`, with a reason, logged in the same
 * transaction. A field device never stores one. A number is set only with its §16 identity verification, stored
 * on the member in the same write and shown, like the number, only to roles that may handle 個人番号.
 */

export type MemberView = Omit<Member, 'myNumber' | 'identityVerification'> & { myNumber: string | null; identityVerification: IdentityVerification | null };

/** `myNumber` omitted keeps the stored number (and its verification); null removes both; a string sets it with `identityVerification`. */
export type MemberInput = Omit<Unstamped<Member>, 'myNumber' | 'identityVerification'> & {
  myNumber?: string | null;
  identityVerification?: IdentityVerification;
};

const MIN_REASON_LENGTH = 2;

/**
 * What a transaction that saves members must cover, for callers that wrap several saves in one (the new-case form,
 * the member editor): search tokens and the outbox as for any row, and the case's 情報連携, which a save reconciles.
 */
export const memberWriteTables: string[] = [...new Set(['households', 'members', 'householdSearch', 'outbox', 'counters', 'audit', ...linkageTables])];

export function membersRepository(store: DataStore) {
  const records = householdRecords(store, 'members', { deletable: true });
  const view = (session: Session, member: Member): MemberView => {
    const handles = myNumberAccessOf(session) === 'reveal';
    return {
      ...member,
      myNumber: member.myNumber && handles ? maskMyNumber(member.myNumber) : null,
      identityVerification: (handles && member.identityVerification) || null,
    };
  };

  /** A number newly linked needs a sufficient §16 record for this member (a second person's confirmation included). */
  const assertVerified = (member: Unstamped<Member>) => {
    if (!member.identityVerification) throw new InvalidRecordError('identityVerification', '個人番号には番号法第16条の本人確認の記録が必要です');
    const assessed = assessIdentityVerification(member.identityVerification);
    if (assessed.sufficient && assessed.record.personId === member.id) return;
    throw new InvalidRecordError(
      'identityVerification',
      assessed.sufficient ? '本人確認の記録が別の世帯員のものです' : (assessed.problems[0]?.message ?? '本人確認の記録が不十分です'),
    );
  };

  /** The number to store (NFKC digits), after checking the role, the device and the check digit. */
  const storable = (session: Session, myNumber: string | null): string | null => {
    if (myNumberAccessOf(session) !== 'reveal') throw new AccessDeniedError('個人番号を取り扱う権限がありません');
    if (myNumber === null) return null;
    if (store.device.profile === 'field') throw new AccessDeniedError('訪問用端末には個人番号を保存できません');
    const valid = validateMyNumber(myNumber);
    if (!valid.ok) throw new InvalidRecordError('myNumber', valid.error.message);
    return valid.value;
  };

  return {
    async list(session: Session, householdId: string): Promise<(MemberView | DamagedRecord)[]> {
      return (await records.list(session, householdId)).map((row) => (isDamaged(row) ? row : view(session, row)));
    },

    async get(session: Session, id: string): Promise<MemberView | undefined> {
      const member = await records.get(session, id);
      return member && view(session, member);
    },

    async save(session: Session, input: MemberInput): Promise<MemberView> {
      // The 世帯員 forms' schema (shared/casework/member.ts); the 個人番号 and its §16 record are judged below.
      validRecord(memberSchema(deviceToday()), input);
      assertTableAccess(store, session, 'members', 'write');
      // The payee account changes only through linkage.recordPayeeAccount or a 公金受取口座 result, with its source.
      const { identityVerification, payeeAccount: _changedElsewhere, ...fields } = input;
      const myNumber = input.myNumber === undefined ? undefined : storable(session, input.myNumber);
      if (identityVerification && typeof myNumber !== 'string')
        throw new InvalidRecordError('identityVerification', '本人確認の記録は個人番号と一緒に登録します');
      // The member's 宛名番号, kana or 不開示 may change what the 中間サーバー holds: reconciled in the same transaction.
      const saved = await writeTransaction(store, linkageTables, async (writer) => {
        const row = await saveRecord(store, session, {
          table: 'members',
          id: input.id,
          // The verification travels with the number: kept with it, replaced with it, removed with it.
          build: (before) => {
            const number = myNumber === undefined ? (before?.myNumber ?? null) : myNumber;
            const verification = identityVerification ?? (number !== null && number === before?.myNumber ? before.identityVerification : undefined);
            return {
              ...fields,
              myNumber: number,
              ...(number !== null && verification ? { identityVerification: verification } : {}),
              ...(before?.payeeAccount ? { payeeAccount: before.payeeAccount } : {}),
            };
          },
          authorize: async (before, after) => {
            await assertWritableHouseholds(store, session, after.householdId, ...(before ? [before.householdId] : []));
            if (after.myNumber !== null && after.myNumber !== before?.myNumber) assertVerified(after);
          },
          householdOf: (row) => row.householdId,
        });
        await reconcileHouseholdLinkage(store, writer, session.userId, row.householdId);
        return row;
      });
      return view(session, saved);
    },

    remove: async (session: Session, id: string) => records.remove(session, id),

    /** The full 個人番号, for a stated reason; null if none is stored. The reveal is logged before it is returned. */
    async revealMyNumber(session: Session, memberId: string, reason: string): Promise<string | null> {
      assertTableAccess(store, session, 'members', 'read');
      if (myNumberAccessOf(session) !== 'reveal') throw new AccessDeniedError('個人番号を閲覧する権限がありません');
      if (reason.trim().length < MIN_REASON_LENGTH) throw new InvalidRecordError('reason', '個人番号を表示する理由を入力してください');
      const { db } = store;
      return db.transaction('rw', [db.members, db.households, db.users, db.audit, db.counters], async () => {
        const member = await db.members.get(memberId);
        if (isDamaged(member)) throw new IntegrityError('members', memberId);
        if (!member) return null;
        await scopedHousehold(store, session, member.householdId, 'read');
        if (!member.myNumber) return null;
        await appendAudit(store, session.userId, {
          kind: 'reveal',
          detail: { householdId: member.householdId, memberId, reason: reason.trim() },
        });
        return member.myNumber;
      });
    },
  };
}
