import { fail, ok, type Result } from '../ipc/result.js';

/**
 * The life of a case and the decisions that move it, as a pure table, plus the approval chain a decision goes
 * through (起案 → 査察指導員審査 → 課長決裁, 差戻し with a comment). Screens ask `allowedDecisions` what to offer;
 * the data layer asks `decide` again before saving, so a stale screen cannot slip a decision through.
 */
export const caseStatusLabels = {
  consultation: '相談中',
  application: '申請中',
  active: '保護中',
  suspended: '停止中',
  terminated: '廃止',
  rejected: '却下',
} as const;
export type CaseStatus = keyof typeof caseStatusLabels;

export const decisionLabels = { start: '開始', reject: '却下', change: '変更', suspend: '停止', terminate: '廃止' } as const;
export type DecisionKind = keyof typeof decisionLabels;

/**
 * From which statuses each decision may be made, and where it leads. Lifting a suspension (停止の解除) is made as
 * a 変更 decision here, taking 停止中 back to 保護中; the reference does not say how it is notified (要確認).
 */
const decisionRules: Record<DecisionKind, Partial<Record<CaseStatus, CaseStatus>>> = {
  start: { application: 'active' },
  reject: { application: 'rejected' },
  change: { active: 'active', suspended: 'active' },
  suspend: { active: 'suspended' },
  terminate: { active: 'terminated', suspended: 'terminated' },
};

export function allowedDecisions(status: CaseStatus): DecisionKind[] {
  return (Object.keys(decisionRules) as DecisionKind[]).filter((kind) => decisionRules[kind][status] !== undefined);
}

/** The status after `decision`, or the reason it cannot be made from `status`. */
export function decide(status: CaseStatus, decision: DecisionKind): Result<CaseStatus> {
  const next = decisionRules[decision][status];
  if (next !== undefined) return ok(next);
  const from = (Object.keys(decisionRules[decision]) as CaseStatus[]).map((s) => caseStatusLabels[s]).join('・');
  return fail('decision.notAllowed', `${decisionLabels[decision]}決定は${from}のケースにだけ行えます（現在の状態: ${caseStatusLabels[status]}）`);
}

/**
 * An application (申請) is not a decision: it is received from a consultation, or as a new application after
 * 廃止 or 却下. A case already applied for or under protection cannot take another 開始申請.
 */
export function receiveApplication(status: CaseStatus): Result<CaseStatus> {
  if (status === 'consultation' || status === 'terminated' || status === 'rejected') return ok('application');
  return fail('application.notAllowed', `${caseStatusLabels[status]}のケースには保護開始申請を受け付けられません`);
}

// ——— 決裁 ———

export const approvalStageLabels = {
  draft: '起案中',
  supervisorReview: '査察指導員審査中',
  managerApproval: '課長決裁待ち',
  approved: '決裁済み',
  returned: '差戻し',
} as const;
export type ApprovalStage = keyof typeof approvalStageLabels;
export type ApproverRole = 'supervisor' | 'manager';

export type ApprovalAction =
  | { type: 'submit'; staffId: string; at: string }
  | { type: 'approve'; staffId: string; role: ApproverRole; at: string; comment?: string }
  | { type: 'return'; staffId: string; role: ApproverRole; at: string; comment: string };

export type ApprovalEntry = { type: ApprovalAction['type']; staffId: string; at: string; comment?: string };

export type Approval = {
  stage: ApprovalStage;
  draftedBy: string;
  /** Every step, oldest first: the chain is kept, not overwritten, when a draft goes round again. */
  history: readonly ApprovalEntry[];
};

export function startApproval(draftedBy: string): Approval {
  return { stage: 'draft', draftedBy, history: [] };
}

/** Which role acts at which stage. */
const approverAt: Partial<Record<ApprovalStage, ApproverRole>> = { supervisorReview: 'supervisor', managerApproval: 'manager' };
const roleLabels: Record<ApproverRole, string> = { supervisor: '査察指導員', manager: '課長' };

/** The approval reducer: the next state, or why the action is refused in the current one. */
export function reduceApproval(state: Approval, action: ApprovalAction): Result<Approval> {
  const next = (stage: ApprovalStage): Result<Approval> => {
    const comment = 'comment' in action ? action.comment?.trim() : undefined;
    const entry: ApprovalEntry = { type: action.type, staffId: action.staffId, at: action.at, ...(comment ? { comment } : {}) };
    return ok({ ...state, stage, history: [...state.history, entry] });
  };
  if (state.stage === 'approved') return fail('approval.closed', '決裁済みの決定は変更できません');

  if (action.type === 'submit') {
    if (state.stage !== 'draft' && state.stage !== 'returned') {
      return fail('approval.notDraft', `${approvalStageLabels[state.stage]}の決定は提出できません`);
    }
    return next('supervisorReview');
  }

  const expected = approverAt[state.stage];
  if (expected === undefined) return fail('approval.notSubmitted', '起案が提出されていません');
  if (action.role !== expected) {
    return fail('approval.wrongRole', `${approvalStageLabels[state.stage]}の決定を扱えるのは${roleLabels[expected]}です`);
  }
  if (action.staffId === state.draftedBy) return fail('approval.selfApproval', '起案者は自分の起案を審査・決裁できません');

  if (action.type === 'return') {
    if (!action.comment.trim()) return fail('approval.commentRequired', '差戻しの理由を入力してください');
    return next('returned');
  }
  return next(state.stage === 'supervisorReview' ? 'managerApproval' : 'approved');
}
