import { describe, expect, test } from 'vitest';
import {
  allowedDecisions,
  decide,
  reduceApproval,
  receiveApplication,
  startApproval,
  type Approval,
  type ApprovalAction,
  type CaseStatus,
  type DecisionKind,
} from '../../../shared/casework/caseStatus.js';

describe('decisions by status', () => {
  // Written out in full so that a change to the table shows up here: status → decision → resulting status.
  const expected: Record<CaseStatus, Partial<Record<DecisionKind, CaseStatus>>> = {
    consultation: {},
    application: { start: 'active', reject: 'rejected' },
    active: { change: 'active', suspend: 'suspended', terminate: 'terminated' },
    suspended: { change: 'active', terminate: 'terminated' },
    terminated: {},
    rejected: {},
  };
  const decisions: DecisionKind[] = ['start', 'reject', 'change', 'suspend', 'terminate'];

  test('every status × decision', () => {
    for (const [status, allowed] of Object.entries(expected) as [CaseStatus, Partial<Record<DecisionKind, CaseStatus>>][]) {
      expect(allowedDecisions(status), status).toEqual(decisions.filter((d) => d in allowed));
      for (const decision of decisions) {
        const result = decide(status, decision);
        const to = allowed[decision];
        expect(result.ok, `${status} ${decision}`).toBe(to !== undefined);
        if (result.ok) expect(result.value).toBe(to);
      }
    }
  });

  test('a refusal says which statuses allow the decision and what the case is now', () => {
    expect(decide('active', 'start')).toEqual({
      ok: false,
      error: { code: 'decision.notAllowed', message: '開始決定は申請中のケースにだけ行えます（現在の状態: 保護中）' },
    });
    expect(decide('terminated', 'terminate')).toMatchObject({
      error: { message: '廃止決定は保護中・停止中のケースにだけ行えます（現在の状態: 廃止）' },
    });
    expect(decide('consultation', 'reject')).toMatchObject({
      error: { message: '却下決定は申請中のケースにだけ行えます（現在の状態: 相談中）' },
    });
  });

  test('applications: from a consultation or after 廃止・却下, not twice', () => {
    expect(receiveApplication('consultation')).toEqual({ ok: true, value: 'application' });
    expect(receiveApplication('terminated')).toEqual({ ok: true, value: 'application' });
    expect(receiveApplication('rejected')).toEqual({ ok: true, value: 'application' });
    expect(receiveApplication('active')).toEqual({
      ok: false,
      error: { code: 'application.notAllowed', message: '保護中のケースには保護開始申請を受け付けられません' },
    });
    expect(receiveApplication('application').ok).toBe(false);
    expect(receiveApplication('suspended').ok).toBe(false);
  });
});

describe('approval chain', () => {
  const at = '2026-04-10T09:00:00+09:00';
  const submit: ApprovalAction = { type: 'submit', staffId: 'cw1', at };
  const svApprove: ApprovalAction = { type: 'approve', staffId: 'sv1', role: 'supervisor', at };
  const mgrApprove: ApprovalAction = { type: 'approve', staffId: 'mgr1', role: 'manager', at, comment: '決裁します' };

  function run(actions: ApprovalAction[], from: Approval = startApproval('cw1')): Approval {
    return actions.reduce((state, action) => {
      const result = reduceApproval(state, action);
      if (!result.ok) throw new Error(result.error.message);
      return result.value;
    }, from);
  }

  test('起案 → 査察指導員 → 課長', () => {
    expect(run([submit]).stage).toBe('supervisorReview');
    expect(run([submit, svApprove]).stage).toBe('managerApproval');
    const done = run([submit, svApprove, mgrApprove]);
    expect(done.stage).toBe('approved');
    expect(done.history).toEqual([
      { type: 'submit', staffId: 'cw1', at },
      { type: 'approve', staffId: 'sv1', at },
      { type: 'approve', staffId: 'mgr1', at, comment: '決裁します' },
    ]);
  });

  test('差戻し needs a comment, goes back to the drafter, and the resubmission goes round again', () => {
    const back: ApprovalAction = { type: 'return', staffId: 'mgr1', role: 'manager', at, comment: '収入認定の根拠を追記' };
    const returned = run([submit, svApprove, back]);
    expect(returned.stage).toBe('returned');
    const again = run([submit, svApprove, mgrApprove], returned);
    expect(again.stage).toBe('approved');
    expect(again.history.map((h) => h.type)).toEqual(['submit', 'approve', 'return', 'submit', 'approve', 'approve']);
    expect(again.history[2]?.comment).toBe('収入認定の根拠を追記');

    expect(reduceApproval(run([submit]), { type: 'return', staffId: 'sv1', role: 'supervisor', at, comment: '　' })).toEqual({
      ok: false,
      error: { code: 'approval.commentRequired', message: '差戻しの理由を入力してください' },
    });
  });

  test('refusals: wrong stage, wrong role, own draft, after approval', () => {
    const draft = startApproval('cw1');
    expect(reduceApproval(draft, svApprove)).toMatchObject({ ok: false, error: { message: '起案が提出されていません' } });
    expect(reduceApproval(run([submit]), submit)).toMatchObject({ ok: false, error: { message: '査察指導員審査中の決定は提出できません' } });
    expect(reduceApproval(run([submit]), mgrApprove)).toMatchObject({
      ok: false,
      error: { code: 'approval.wrongRole', message: '査察指導員審査中の決定を扱えるのは査察指導員です' },
    });
    expect(reduceApproval(run([submit, svApprove]), svApprove)).toMatchObject({
      ok: false,
      error: { message: '課長決裁待ちの決定を扱えるのは課長です' },
    });
    expect(reduceApproval(run([submit]), { type: 'approve', staffId: 'cw1', role: 'supervisor', at })).toMatchObject({
      ok: false,
      error: { code: 'approval.selfApproval' },
    });
    const approved = run([submit, svApprove, mgrApprove]);
    for (const action of [submit, svApprove, mgrApprove]) {
      expect(reduceApproval(approved, action)).toMatchObject({ ok: false, error: { message: '決裁済みの決定は変更できません' } });
    }
  });

  test('the reducer does not change the state it is given', () => {
    const before = run([submit]);
    const snapshot = structuredClone(before);
    reduceApproval(before, svApprove);
    expect(before).toEqual(snapshot);
  });
});
