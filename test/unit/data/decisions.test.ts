import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import { AccessDeniedError, InvalidRecordError } from '../../../renderer/data/errors.js';
import type { DecisionDraft } from '../../../renderer/data/repos/decisions.js';
import { uuidv7 } from '../../../shared/ids/uuidv7.js';
import { makePayerNumber, makeRecipientNumber } from '../../../shared/casework/publicPayerNumber.js';
import { household, member, openTestStore, seedOffice, session } from './fixtures.js';

/** An office whose clock reads `today`, with caseworker A's case at 相談中 and an application received on `appliedOn`. */
async function office({ today = '2026-11-10', appliedOn = '2026-11-05' } = {}) {
  const t = await openTestStore('office', { now: () => new Date(`${today}T10:00:00`).getTime() });
  const seeded = await seedOffice(t.store);
  const { ids } = seeded;
  const roles = {
    cwA: session('caseworker', ids.cwA, 'team-1'),
    sv: session('supervisor', ids.sv1, 'team-1'),
    manager: session('manager', ids.manager),
  };
  const hC = await t.repos.households.save(roles.cwA, household(ids.cwA, { status: 'consultation' }));
  const application = await t.repos.decisions.receiveApplication(roles.cwA, { id: uuidv7(), householdId: hC.id, appliedOn, extensionReason: null });
  const startDraft = (over: Partial<DecisionDraft> = {}): DecisionDraft => ({
    id: uuidv7(),
    householdId: hC.id,
    applicationId: application.id,
    kind: 'start',
    effectiveOn: appliedOn,
    supersedes: null,
    calculationId: null,
    aids: ['living', 'housing'],
    reasons: '資産・能力を活用してもなお最低生活費に満たないため',
    ...over,
  });
  return { ...t, ...seeded, roles, hC, application, startDraft };
}

const refusedWith = async (promise: Promise<unknown>, type: typeof AccessDeniedError | typeof InvalidRecordError, message?: RegExp) => {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(type);
  if (message) expect((error as Error).message).toMatch(message);
};

describe('申請 and the approval chain', () => {
  test('an application moves the case to 申請中 with its 14-day deadline', async () => {
    const { repos, roles, hC, application } = await office();
    expect(application).toMatchObject({ status: 'received', dueOn: '2026-11-19', extensionReason: null });
    expect((await repos.households.open(roles.cwA, hC.id)).status).toBe('application');
    expect((await repos.decisions.pendingApplications(roles.cwA)).map((p) => p.application.id)).toEqual([application.id]);
  });

  test('起案 → 査察指導員 → 課長: the case becomes 保護中 only at the 課長 approval, with the application closed', async () => {
    const { repos, roles, hC, application, startDraft } = await office();
    const draft = await repos.decisions.draft(roles.cwA, startDraft());
    expect(draft).toMatchObject({ stage: 'draft', draftedBy: roles.cwA.userId });
    await refusedWith(repos.decisions.approve(roles.sv, draft.id), InvalidRecordError, /提出されていません/);
    await repos.decisions.submit(roles.cwA, draft.id);
    expect((await repos.decisions.queue(roles.sv)).map((q) => q.decision.id)).toEqual([draft.id]);
    expect(await repos.decisions.queue(roles.manager)).toEqual([]);

    const reviewed = await repos.decisions.approve(roles.sv, draft.id, '確認しました');
    expect(reviewed.stage).toBe('managerApproval');
    expect((await repos.households.open(roles.cwA, hC.id)).status).toBe('application');
    expect((await repos.decisions.queue(roles.manager)).map((q) => q.decision.id)).toEqual([draft.id]);

    const approved = await repos.decisions.approve(roles.manager, draft.id);
    expect(approved.stage).toBe('approved');
    expect(approved.history.map((h) => h.type)).toEqual(['submit', 'approve', 'approve']);
    expect(approved.history[1]).toMatchObject({ staffId: roles.sv.userId, comment: '確認しました' });
    expect((await repos.households.open(roles.cwA, hC.id)).status).toBe('active');
    expect(await repos.applications.get(roles.cwA, application.id)).toMatchObject({ status: 'decided' });
    expect(await repos.decisions.pendingApplications(roles.cwA)).toEqual([]);
    await refusedWith(repos.decisions.returnForRevision(roles.manager, draft.id, '再考'), InvalidRecordError, /決裁済み/);
  });

  test("the 課長's approval takes the notice's 文書番号, in order within the 年度 (April to March); a refused approval takes none", async () => {
    let today = '2027-03-31';
    const t = await openTestStore('office', { now: () => new Date(`${today}T10:00:00`).getTime() });
    const { ids } = await seedOffice(t.store);
    const [cw, sv, manager] = [session('caseworker', ids.cwA, 'team-1'), session('supervisor', ids.sv1, 'team-1'), session('manager', ids.manager)];
    const hC = await t.repos.households.save(cw, household(ids.cwA, { status: 'active' }));
    const hD = await t.repos.households.save(cw, household(ids.cwA, { status: 'active' }));
    const drafted = async (over: Partial<DecisionDraft> = {}) => {
      const draft = await t.repos.decisions.draft(cw, {
        id: uuidv7(),
        householdId: hC.id,
        applicationId: null,
        kind: 'change',
        effectiveOn: today,
        supersedes: null,
        calculationId: null,
        aids: ['living'],
        reasons: '収入の変更',
        ...over,
      });
      await t.repos.decisions.submit(cw, draft.id);
      await t.repos.decisions.approve(sv, draft.id);
      return draft.id;
    };
    const approved = async (id: string) => (await t.repos.decisions.approve(manager, id)).notice;
    expect(await approved(await drafted())).toEqual({ fiscalYear: 2026, number: 1 });
    // Two 廃止 of one case: the second is refused at the 課長's approval (the case is 廃止 by then) and takes no number.
    const [first, second] = [await drafted({ kind: 'terminate' }), await drafted({ kind: 'terminate' })];
    expect(await approved(first)).toEqual({ fiscalYear: 2026, number: 2 });
    await refusedWith(approved(second), InvalidRecordError);
    expect(await approved(await drafted({ householdId: hD.id }))).toEqual({ fiscalYear: 2026, number: 3 });
    today = '2027-04-01';
    expect(await approved(await drafted({ householdId: hD.id }))).toEqual({ fiscalYear: 2027, number: 1 });
  });

  test("an approved 廃止 ends the case's medical tickets in the same transaction", async () => {
    const { repos, roles, hC, startDraft } = await office();
    const approveAll = async (id: string) => {
      await repos.decisions.submit(roles.cwA, id);
      await repos.decisions.approve(roles.sv, id);
      return repos.decisions.approve(roles.manager, id);
    };
    await approveAll((await repos.decisions.draft(roles.cwA, startDraft({ aids: ['living', 'housing', 'medical'] }))).id);
    const head = await repos.members.save(roles.cwA, member(hC.id, { myNumber: null }));
    const ticket = (month: string) => ({
      memberId: head.id,
      month,
      kind: 'medical' as const,
      institution: '加須中央病院',
      payerNumber: makePayerNumber({ prefecture: 11, agency: 201 }),
      recipientNumber: makeRecipientNumber(123456),
      copayment: 0,
    });
    const november = await repos.tickets.issue(roles.cwA, hC.id, ticket('2026-11'));
    const december = await repos.tickets.issue(roles.cwA, hC.id, ticket('2026-12'));
    const termination = await repos.decisions.draft(
      roles.cwA,
      startDraft({ kind: 'terminate', applicationId: null, effectiveOn: '2026-11-20', reasons: '就労収入により自立' }),
    );
    // Until the 課長 approves, the tickets stand.
    await repos.decisions.submit(roles.cwA, termination.id);
    await repos.decisions.approve(roles.sv, termination.id);
    expect((await repos.medicalTickets.get(roles.cwA, december.id))?.status).toBe('issued');
    await repos.decisions.approve(roles.manager, termination.id);
    expect((await repos.households.open(roles.cwA, hC.id)).status).toBe('terminated');
    expect(await repos.medicalTickets.get(roles.cwA, december.id)).toMatchObject({ status: 'cancelled' });
    expect(await repos.medicalTickets.get(roles.cwA, november.id)).toMatchObject({ status: 'issued', validUntil: '2026-11-19' });
  });

  test('wrong roles are refused: a caseworker cannot approve, the 課長 cannot review or draft, the SV cannot take the 課長 stage', async () => {
    const { repos, roles, ids, startDraft } = await office();
    const draft = await repos.decisions.draft(roles.cwA, startDraft());
    await repos.decisions.submit(roles.cwA, draft.id);
    await refusedWith(repos.decisions.approve(roles.cwA, draft.id), AccessDeniedError);
    await refusedWith(repos.decisions.approve(session('caseworker', ids.cwB, 'team-2'), draft.id), AccessDeniedError);
    await refusedWith(repos.decisions.approve(roles.manager, draft.id), InvalidRecordError, /査察指導員/);
    await refusedWith(repos.decisions.draft(roles.manager, startDraft()), AccessDeniedError);
    await repos.decisions.approve(roles.sv, draft.id);
    await refusedWith(repos.decisions.approve(roles.sv, draft.id), InvalidRecordError, /課長/);
    expect((await repos.decisions.get(roles.cwA, draft.id))?.stage).toBe('managerApproval');
  });

  test('the drafter cannot approve their own draft', async () => {
    const { repos, roles, startDraft } = await office();
    const own = await repos.decisions.draft(roles.sv, startDraft());
    await repos.decisions.submit(roles.sv, own.id);
    await refusedWith(repos.decisions.approve(roles.sv, own.id), InvalidRecordError, /自分の起案/);
  });

  test('差戻し needs a comment; the drafter revises and resubmits, and the whole chain stays in the history', async () => {
    const { repos, roles, startDraft } = await office();
    const input = startDraft();
    await repos.decisions.draft(roles.cwA, input);
    await repos.decisions.submit(roles.cwA, input.id);
    await refusedWith(repos.decisions.returnForRevision(roles.sv, input.id, '  '), InvalidRecordError, /差戻しの理由/);
    const returned = await repos.decisions.returnForRevision(roles.sv, input.id, '住宅扶助の根拠を追記してください');
    expect(returned.stage).toBe('returned');
    await refusedWith(repos.decisions.draft(roles.sv, { ...input, reasons: '他人が修正' }), AccessDeniedError);
    const revised = await repos.decisions.draft(roles.cwA, { ...input, reasons: `${input.reasons}。家賃は住宅扶助の上限内` });
    expect(revised.stage).toBe('returned');
    const resubmitted = await repos.decisions.submit(roles.cwA, input.id);
    expect(resubmitted.stage).toBe('supervisorReview');
    expect(resubmitted.history.map((h) => [h.type, h.comment])).toEqual([
      ['submit', undefined],
      ['return', '住宅扶助の根拠を追記してください'],
      ['submit', undefined],
    ]);
  });

  test('the 課長 approval is atomic: when the case can no longer take the decision, nothing changes', async () => {
    const { repos, roles, store, hC, application, startDraft } = await office();
    const first = await repos.decisions.draft(roles.cwA, startDraft());
    const second = await repos.decisions.draft(roles.cwA, startDraft({ applicationId: null }));
    for (const d of [first, second]) {
      await repos.decisions.submit(roles.cwA, d.id);
      await repos.decisions.approve(roles.sv, d.id);
    }
    await repos.decisions.approve(roles.manager, first.id);
    const outboxBefore = await store.db.outbox.count();
    const auditBefore = await store.db.audit.count();
    await refusedWith(repos.decisions.approve(roles.manager, second.id), InvalidRecordError, /申請中のケースにだけ/);
    expect((await repos.decisions.get(roles.cwA, second.id))?.stage).toBe('managerApproval');
    expect((await repos.households.open(roles.cwA, hC.id)).status).toBe('active');
    expect(await repos.applications.get(roles.cwA, application.id)).toMatchObject({ status: 'decided' });
    expect(await store.db.outbox.count()).toBe(outboxBefore);
    expect(await store.db.audit.count()).toBe(auditBefore + 1); // only the caseOpened of the check above
  });

  test('a decision not allowed from the case status is refused when drafted', async () => {
    const { repos, roles, startDraft } = await office();
    await refusedWith(repos.decisions.draft(roles.cwA, startDraft({ kind: 'terminate' })), InvalidRecordError, /廃止決定は保護中・停止中/);
    await refusedWith(repos.decisions.draft(roles.cwA, startDraft({ reasons: ' ' })), InvalidRecordError, /理由/);
  });

  test('decisions are never deleted and cannot be written around the chain', async () => {
    const { repos, roles, startDraft } = await office();
    const draft = await repos.decisions.draft(roles.cwA, startDraft());
    await refusedWith(repos.decisions.remove(roles.cwA, draft.id), AccessDeniedError, /削除できません/);
    expect('save' in repos.decisions).toBe(false);
  });

  test('a retroactive decision supersedes an approved one, which stays in the history', async () => {
    const { repos, roles, hC, startDraft } = await office();
    const start = await repos.decisions.draft(roles.cwA, startDraft());
    await repos.decisions.submit(roles.cwA, start.id);
    await repos.decisions.approve(roles.sv, start.id);
    await repos.decisions.approve(roles.manager, start.id);
    const change = { ...startDraft({ applicationId: null, kind: 'change', effectiveOn: '2026-11-01', supersedes: start.id }) };
    await refusedWith(repos.decisions.draft(roles.cwA, { ...change, id: uuidv7(), supersedes: change.id }), InvalidRecordError, /取り消す決定/);
    const saved = await repos.decisions.draft(roles.cwA, change);
    expect(saved.supersedes).toBe(start.id);
    expect((await repos.decisions.list(roles.cwA, hC.id)).map((d) => d.id).sort()).toEqual([start.id, change.id].sort());
  });
});

describe('the decision deadline', () => {
  test('after day 14 without a recorded reason the draft is refused on the reason field and nothing is saved', async () => {
    const { repos, roles, store, hC, application, startDraft } = await office({ today: '2026-11-25', appliedOn: '2026-11-05' });
    const outboxBefore = await store.db.outbox.count();
    const error = await repos.decisions.draft(roles.cwA, startDraft()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidRecordError);
    expect(error).toMatchObject({ field: 'extensionReason', message: expect.stringMatching(/14日の期限（令和8年11月19日）を過ぎています/) });
    expect(await repos.decisions.list(roles.cwA, hC.id)).toEqual([]);
    expect(await store.db.outbox.count()).toBe(outboxBefore);

    const saved = await repos.decisions.draft(roles.cwA, startDraft({ extensionReason: '扶養義務者の資産調査に日時を要したため' }));
    expect(saved.stage).toBe('draft');
    expect(await repos.applications.get(roles.cwA, application.id)).toMatchObject({
      dueOn: '2026-12-05',
      extensionReason: '扶養義務者の資産調査に日時を要したため',
    });
  });

  test('an application dated in the future, or on a case already under protection, is refused', async () => {
    const { repos, roles, hC, hA } = await office();
    await refusedWith(
      repos.decisions.receiveApplication(roles.cwA, { id: uuidv7(), householdId: hC.id, appliedOn: '2026-11-11', extensionReason: null }),
      InvalidRecordError,
      /未来/,
    );
    await refusedWith(
      repos.decisions.receiveApplication(roles.cwA, { id: uuidv7(), householdId: hA.id, appliedOn: '2026-11-01', extensionReason: null }),
      InvalidRecordError,
      /保護中/,
    );
  });
});
