import { isIsoDate, localIsoDate } from '../../../shared/casework/calendarDate.js';
import type { LinkageRecord, Member, PayeeAccount } from '../../../shared/domain/records.js';
import type { Session } from '../../../shared/domain/staff.js';
import { uuidv7 } from '../../../shared/ids/uuidv7.js';
import { bankAccountSchema, type BankAccount, type LinkageBody } from '../../../shared/linkage/exchangeFormat.js';
import { fixedItemCodes } from '../../../shared/linkage/legalReferences.js';
import { assertTableAccess, scopedHousehold, scopedHouseholds } from '../access.js';
import { appendAudit } from '../audit.js';
import type { DataStore } from '../db.js';
import { IntegrityError, InvalidRecordError, isDamaged, type DamagedRecord } from '../errors.js';
import { linkageTables, reconcileHouseholdLinkage } from '../linkage/householdLinkage.js';
import { queueLinkage } from '../linkage/ledger.js';
import { writeTransaction } from '../outbox.js';
import { linkageQueueOf } from '../schema.js';
import { householdRecords } from './householdRecords.js';

/**
 * 情報連携 from the case: the ledger of what was sent and what came back, inquiries (情報照会) and 公金受取口座
 * inquiries a caseworker asks for, the retry of what the other side rejected, and the payee account the person
 * reported themselves. Every request names a person by 宛名番号; the 個人番号 never goes into a message.
 */

export interface InquiryRequest {
  householdId: string;
  memberId: string;
  /** A code of an inquiry item (legalReferences.ts), and the provider asked. */
  itemCode: string;
  provider: string;
  reason: string;
}

export interface PublicFundsRequest {
  householdId: string;
  memberId: string;
  consent: { givenOn: string; method: 'written' | 'oral' };
}

export interface CorrectionItem {
  record: LinkageRecord;
  householdId: string;
  caseNumber: string;
}

const blank = (text: string | null | undefined) => !text?.normalize('NFKC').trim();

export function linkageRepository(store: DataStore) {
  const records = householdRecords(store, 'linkageRecords', { deletable: false });
  const today = () => localIsoDate(store.now());

  /** The member to ask about: in the household, with a 宛名番号 (the number the 統合宛名 side knows them by). */
  async function addressable(householdId: string, memberId: string): Promise<Member & { atenaNumber: string }> {
    const member = await store.db.members.get(memberId);
    if (isDamaged(member)) throw new IntegrityError('members', memberId);
    if (!member || member.householdId !== householdId) throw new InvalidRecordError('memberId', 'この世帯の世帯員を選択してください');
    if (!member.atenaNumber) throw new InvalidRecordError('memberId', `${member.name}さんの宛名番号が未入力です。世帯員の画面で入力してください`);
    return member as Member & { atenaNumber: string };
  }

  return {
    list: records.list,

    /** 情報照会: queued for the next exchange; the answer comes back onto this row. */
    async requestInquiry(session: Session, input: InquiryRequest): Promise<LinkageRecord> {
      assertTableAccess(store, session, 'linkageRecords', 'write');
      if (blank(input.itemCode)) throw new InvalidRecordError('itemCode', '照会する情報項目を選択してください');
      if (blank(input.provider)) throw new InvalidRecordError('provider', '照会先を入力してください');
      if (blank(input.reason)) throw new InvalidRecordError('reason', '照会の理由を入力してください');
      return writeTransaction(store, linkageTables, async (writer) => {
        await scopedHousehold(store, session, input.householdId, 'write');
        const member = await addressable(input.householdId, input.memberId);
        const body: LinkageBody<'inquiry'> = {
          atenaNumber: member.atenaNumber,
          item: input.itemCode,
          provider: input.provider.normalize('NFKC').trim(),
          reason: input.reason.trim(),
          requestedOn: today(),
          requestedBy: session.userId,
        };
        // Each request is its own inquiry: keyed by a fresh id, so asking again later is a new 照会.
        return queueLinkage(store, writer, {
          householdId: input.householdId,
          memberId: member.id,
          kind: 'inquiry',
          itemCode: input.itemCode,
          naturalKey: uuidv7(),
          requestedBy: session.userId,
          body,
        });
      });
    },

    /** 公金受取口座照会 (預貯金口座登録法 §9): only with the person's consent recorded. */
    async requestPublicFundsAccount(session: Session, input: PublicFundsRequest): Promise<LinkageRecord> {
      assertTableAccess(store, session, 'linkageRecords', 'write');
      if (!isIsoDate(input.consent.givenOn)) throw new InvalidRecordError('consent.givenOn', '同意を得た日を入力してください');
      if (input.consent.givenOn > today()) throw new InvalidRecordError('consent.givenOn', '同意を得た日に未来の日付は入力できません');
      return writeTransaction(store, linkageTables, async (writer) => {
        await scopedHousehold(store, session, input.householdId, 'write');
        const member = await addressable(input.householdId, input.memberId);
        const body: LinkageBody<'publicFundsAccount'> = { atenaNumber: member.atenaNumber, requestedOn: today(), consent: { ...input.consent } };
        return queueLinkage(store, writer, {
          householdId: input.householdId,
          memberId: member.id,
          kind: 'publicFundsAccount',
          itemCode: fixedItemCodes.publicFundsAccount,
          naturalKey: uuidv7(),
          requestedBy: session.userId,
          body,
        });
      });
    },

    /**
     * Sends a rejected record again. Correcting a member already re-sends what changed; this is for
     * what the other side refused and has since put right on its side, and for an inquiry with a corrected reason.
     * 副本 and 資格情報 are rebuilt from the decisions and members as they now are; anything else goes as it was
     * (e.g. a ticket refused before the 資格情報 was registered).
     */
    async retry(session: Session, recordId: string, correction: { reason?: string } = {}): Promise<LinkageRecord> {
      assertTableAccess(store, session, 'linkageRecords', 'write');
      return writeTransaction(store, linkageTables, async (writer) => {
        const row = await store.db.linkageRecords.get(recordId);
        if (isDamaged(row)) throw new IntegrityError('linkageRecords', recordId);
        if (!row) throw new InvalidRecordError('id', '連携の記録が見つかりません');
        await scopedHousehold(store, session, row.householdId, 'write');
        // A row held for want of an entry goes by itself once the member is saved with it: nothing to retry.
        if (row.status === 'blocked')
          throw new InvalidRecordError('id', '入力が足りないため送信できません。世帯員の宛名番号などを入力して保存すると、自動で送信されます');
        if (row.status !== 'rejected' || row.body === null) throw new InvalidRecordError('id', '再送できるのは要訂正（差戻し）の記録だけです');
        if (row.kind === 'replicaRegistration' || row.kind === 'medicalEligibility') {
          await reconcileHouseholdLinkage(store, writer, session.userId, row.householdId, { resend: new Set([row.id]) });
        } else {
          const body =
            row.kind === 'inquiry' && !blank(correction.reason) ? { ...(row.body as LinkageBody<'inquiry'>), reason: correction.reason!.trim() } : row.body;
          const { householdId, memberId, kind, itemCode, naturalKey } = row;
          await queueLinkage(store, writer, { householdId, memberId, kind, itemCode, naturalKey, requestedBy: session.userId, body, resend: true });
        }
        return (await store.db.linkageRecords.get(recordId)) as LinkageRecord;
      });
    },

    /** 本人申出口座: the account the person reported, replacing whatever was recorded (the change is logged). */
    async recordPayeeAccount(session: Session, memberId: string, account: BankAccount): Promise<Member> {
      assertTableAccess(store, session, 'members', 'write');
      const parsed = bankAccountSchema.safeParse(account);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new InvalidRecordError(
          `payeeAccount.${issue.path.join('.')}`,
          '口座の入力に誤りがあります（金融機関コード4桁・支店コード3桁・口座番号7桁、名義カナ）',
        );
      }
      return writeTransaction(store, ['members', 'households', 'users'], async (writer) => {
        const member = await store.db.members.get(memberId);
        if (isDamaged(member)) throw new IntegrityError('members', memberId);
        if (!member) throw new InvalidRecordError('memberId', '世帯員が見つかりません');
        await scopedHousehold(store, session, member.householdId, 'write');
        const payeeAccount: PayeeAccount = { ...parsed.data, source: 'selfReported', obtainedOn: today(), consent: null };
        const saved = await writer.put('members', { ...member, payeeAccount });
        await appendAudit(store, session.userId, {
          kind: 'update',
          detail: { table: 'members', recordId: memberId, householdId: member.householdId, fields: ['payeeAccount'] },
        });
        return saved;
      });
    },

    /** Rows that need the caseworker: rejected by the other side, or held back for want of an entry. */
    async needingCorrection(session: Session): Promise<CorrectionItem[]> {
      assertTableAccess(store, session, 'linkageRecords', 'read');
      const households = new Map((await scopedHouseholds(store, session)).flatMap((h) => (isDamaged(h) ? [] : [[h.id, h] as const])));
      // The clear queue is coarse (rejected and blocked are both `correction`); the opened status decides.
      const rows: (LinkageRecord | DamagedRecord)[] = await store.db.linkageRecords.where('queue').equals(linkageQueueOf('rejected')).toArray();
      return rows.flatMap((record) => {
        const household = !isDamaged(record) && ['rejected', 'blocked'].includes(record.status) ? households.get(record.householdId) : undefined;
        return household && !isDamaged(record) ? [{ record, householdId: household.id, caseNumber: household.caseNumber }] : [];
      });
    },
  };
}
