import 'fake-indexeddb/auto';
import type { Aid, Decision, LinkageRecord, Member } from '../../../shared/domain/records.js';
import type { DecisionKind } from '../../../shared/casework/caseStatus.js';
import { uuidv7 } from '../../../shared/ids/uuidv7.js';
import type { LinkageKind } from '../../../shared/linkage/linkageKinds.js';
import { isDamaged } from '../../../renderer/data/errors.js';
import { pendingOutbox, type OutboxEntry, type Unstamped } from '../../../renderer/data/outbox.js';
import type { DecisionDraft } from '../../../renderer/data/repos/decisions.js';
import { household, member, openTestStore, seedOffice, session } from '../data/fixtures.js';

/**
 * An office for the 情報連携 tests: staff (caseworkers A/B, SV of team 1, 課長, system administrator, auditor),
 * and caseworker A's case C at 申請中 with the given members, plus the decision chain 起案 → SV → 課長 as one call.
 * The clock is fixed at 2026-11-10 12:00 JST (03:00 UTC), the same calendar day in UTC and in Japan.
 */

export const OFFICE_ID = 'office-1';
export const TODAY = '2026-11-10';
export const NOW_MS = Date.parse('2026-11-10T03:00:00.000Z');
export const APPLIED_ON = '2026-11-05';
/** The office's 公費負担者番号 (法別番号12), as the 連携設定 holds it. */
export const PAYER = '12110010';

/** The registry's people (test/linkage/fixtures/registry.json). */
export const TARO = { name: '加増　太郎', kana: 'カゾ　タロウ', birthDate: '1965-04-12', sex: 'male', atenaNumber: '1000000001' } as const;
export const HANAKO = {
  name: '加増　花子',
  kana: 'カゾ　ハナコ',
  birthDate: '1968-09-30',
  sex: 'female',
  atenaNumber: '1000000002',
  relation: 'wife',
} as const;
export const KENJI = { name: '南　健二', kana: 'ミナミ　ケンジ', birthDate: '1990-01-15', sex: 'male', atenaNumber: '1000000003' } as const;

export type MemberOver = Partial<Unstamped<Member>>;

export async function linkageOffice(members: MemberOver[] = [TARO]) {
  const t = await openTestStore('office', { now: () => NOW_MS });
  const seeded = await seedOffice(t.store);
  const { ids } = seeded;
  const roles = {
    cwA: session('caseworker', ids.cwA, 'team-1'),
    cwB: session('caseworker', ids.cwB, 'team-2'),
    sv: session('supervisor', ids.sv1, 'team-1'),
    manager: session('manager', ids.manager),
    admin: session('systemAdmin', ids.admin),
    auditor: session('auditor', ids.auditor),
  };
  const { repos, store } = t;
  const hC = await repos.households.save(roles.cwA, household(ids.cwA, { status: 'consultation' }));
  const saved: Unstamped<Member>[] = [];
  for (const over of members) {
    const row = member(hC.id, over);
    await repos.members.save(roles.cwA, row);
    saved.push(row);
  }
  const application = await repos.decisions.receiveApplication(roles.cwA, { id: uuidv7(), householdId: hC.id, appliedOn: APPLIED_ON, extensionReason: null });

  /** 起案 → 提出 → 査察指導員 → 課長: the decision as approved. */
  async function approve(draft: DecisionDraft): Promise<Decision> {
    await repos.decisions.draft(roles.cwA, draft);
    await repos.decisions.submit(roles.cwA, draft.id);
    await repos.decisions.approve(roles.sv, draft.id);
    return repos.decisions.approve(roles.manager, draft.id);
  }

  const draftOf = (kind: DecisionKind, effectiveOn: string, aids: Aid[], over: Partial<DecisionDraft> = {}): DecisionDraft => ({
    id: uuidv7(),
    householdId: hC.id,
    applicationId: null,
    kind,
    effectiveOn,
    supersedes: null,
    calculationId: null,
    aids,
    reasons: `${kind} の理由`,
    ...over,
  });

  /** The 開始 answering the application, effective on the day applied for. */
  const start = (aids: Aid[] = ['living', 'housing', 'medical'], over: Partial<DecisionDraft> = {}) =>
    approve(draftOf('start', APPLIED_ON, aids, { applicationId: application.id, reasons: '資産・能力を活用してもなお最低生活費に満たないため', ...over }));
  const decide = (kind: DecisionKind, effectiveOn: string, aids: Aid[] = ['living', 'housing', 'medical'], over: Partial<DecisionDraft> = {}) =>
    approve(draftOf(kind, effectiveOn, aids, over));

  /** The linkage outbox, in order. */
  const outbox = (kind?: LinkageKind): Promise<OutboxEntry[]> =>
    pendingOutbox(store, 'linkage', 0, Infinity).then((entries) => entries.filter((e) => !kind || e.kind === kind));
  /** Case C's linkage ledger, oldest first. */
  const ledger = async (kind?: LinkageKind): Promise<LinkageRecord[]> => {
    const rows = await store.db.linkageRecords.where('householdId').equals(hC.id).toArray();
    return rows
      .filter((row): row is LinkageRecord => !isDamaged(row) && (!kind || row.kind === kind))
      .sort((a, b) => a.history[0]!.at.localeCompare(b.history[0]!.at) || a.id.localeCompare(b.id));
  };

  return { ...t, ...seeded, roles, hC, members: saved, application, approve, draftOf, start, decide, outbox, ledger };
}

export type LinkageOffice = Awaited<ReturnType<typeof linkageOffice>>;
