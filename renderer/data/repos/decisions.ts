import { checkDecisionDate, decisionDeadline } from '../../../shared/casework/applicationDeadline.js';
import { localIsoDate } from '../../../shared/casework/calendarDate.js';
import { decide, decisionLabels, receiveApplication, reduceApproval, type ApprovalAction, type ApproverRole } from '../../../shared/casework/caseStatus.js';
import { reasonsFor } from '../../../shared/figures/reasonCodes.js';
import type { Application, Decision, Household } from '../../../shared/domain/records.js';
import type { Session } from '../../../shared/domain/staff.js';
import type { Result } from '../../../shared/ipc/result.js';
import { assertTableAccess, scopedHousehold, scopedHouseholds } from '../access.js';
import { appendAudit } from '../audit.js';
import type { DataStore } from '../db.js';
import { AccessDeniedError, IntegrityError, InvalidRecordError, isDamaged } from '../errors.js';
import { writeTransaction, type ChangeWriter, type Unstamped } from '../outbox.js';
import type { TableRows } from '../schema.js';
import { advanceCounter } from '../counters.js';
import { changedFields } from './recordWriter.js';
import { householdRecords } from './householdRecords.js';
import { endTicketsOnTermination } from './medicalTickets.js';
import { reconcileHouseholdLinkage } from '../linkage/householdLinkage.js';

/**
 * 申請 → 決定 → 決裁 as data-layer operations, so that no screen can skip a rule: an application moves its case to
 * 申請中; a decision is drafted only if caseStatus.decide allows it from the case's status and, when it answers an
 * application, only within the deadline (14 days, 30 with a recorded reason); approvals follow reduceApproval; and
 * the 課長's approval changes the case's status and closes the application in the same transaction. Decisions
 * are never deleted, and the rows are written only here (there is no generic `save`).
 */

export type DecisionDraft = Pick<
  Decision,
  'id' | 'householdId' | 'applicationId' | 'kind' | 'effectiveOn' | 'supersedes' | 'calculationId' | 'aids' | 'reasons' | 'reasonCode'
> & {
  /** The special reason for taking up to 30 days, recorded on the application with the draft. */
  extensionReason?: string | null;
};

export type ApplicationIntake = Pick<Application, 'id' | 'householdId' | 'appliedOn' | 'extensionReason'>;

export interface QueueItem {
  decision: Decision;
  household: Household;
}

export interface PendingApplication {
  application: Application;
  household: Household;
}

/** The stage at which each approver acts: their queue. */
const queueStage: Record<ApproverRole, Decision['stage']> = { supervisor: 'supervisorReview', manager: 'managerApproval' };

function refuse(field: string, result: Result<unknown>): never {
  throw new InvalidRecordError(field, result.ok ? '' : result.error.message);
}

const blank = (text: string | null | undefined) => !text?.normalize('NFKC').trim();

export function decisionsRepository(store: DataStore) {
  const { db } = store;
  const generic = householdRecords(store, 'decisions', { deletable: false });
  const today = () => localIsoDate(store.now());
  // medicalTickets and members: a 廃止 ends the case's tickets in the same transaction as the decision.
  // linkageRecords: the approval queues the 副本 and 資格情報 it changes, in the same transaction.
  const tables = ['decisions', 'applications', 'households', 'users', 'medicalTickets', 'members', 'linkageRecords'] as const;

  async function loaded<T>(table: 'decisions' | 'applications', id: string): Promise<T | undefined> {
    const row = await db.table(table).get(id);
    if (isDamaged(row)) throw new IntegrityError(table, id);
    return row as T | undefined;
  }

  /** Writes one row with its outbox entry and logs the change by field name; an unchanged row is not written. */
  async function put<K extends 'decisions' | 'applications' | 'households'>(
    writer: ChangeWriter,
    session: Session,
    table: K,
    before: TableRows[K] | undefined,
    row: Unstamped<TableRows[K]>,
    householdId: string,
  ): Promise<TableRows[K]> {
    const fields = changedFields(before, row);
    if (before && fields.length === 0) return before;
    const saved = await writer.put(table, row);
    await appendAudit(store, session.userId, { kind: before ? 'update' : 'create', detail: { table, recordId: row.id, householdId, fields } });
    return saved;
  }

  /** An application answered by a decision dated `decidedOn` must be within its deadline (applicationDeadline.ts). */
  function checkDate(application: Application, decidedOn: string, extensionReason: string | null) {
    const check = checkDecisionDate({ receivedOn: application.appliedOn, extensionReason, decidedOn });
    if (!check.ok) refuse('extensionReason', check);
  }

  /** The application a decision answers: same household, still undecided. */
  async function openApplication(householdId: string, applicationId: string): Promise<Application> {
    const application = await loaded<Application>('applications', applicationId);
    if (!application || application.householdId !== householdId) throw new InvalidRecordError('applicationId', '申請が見つかりません');
    if (application.status !== 'received') throw new InvalidRecordError('applicationId', 'この申請は決定済みまたは取下げ済みです');
    return application;
  }

  async function act(session: Session, id: string, action: (decision: Decision) => ApprovalAction): Promise<Decision> {
    assertTableAccess(store, session, 'decisions', 'write');
    return writeTransaction(store, tables, async (writer) => {
      const decision = await loaded<Decision>('decisions', id);
      if (!decision) throw new InvalidRecordError('id', '決定が見つかりません');
      const household = await scopedHousehold(store, session, decision.householdId, 'write');
      const next = reduceApproval(decision, action(decision));
      if (!next.ok) refuse('comment', next);
      const { stage, history } = next.value;
      const after: Unstamped<Decision> = { ...decision, stage, history: [...history] };
      if (stage === 'approved') {
        // The notice's 文書番号: the next of the 年度, in the approval's transaction (a rolled-back approval takes none).
        const fiscalYear = fiscalYearOf(today());
        after.notice = { fiscalYear, number: (await advanceCounter(store.db, `notice:${fiscalYear}`, () => ({}))).seq };
        // The 課長's approval is the decision: the case moves and the application closes with it, or nothing does.
        const status = decide(household.status, decision.kind);
        if (!status.ok) refuse('kind', status);
        if (decision.applicationId) {
          const application = await openApplication(household.id, decision.applicationId);
          checkDate(application, today(), application.extensionReason);
          await put(writer, session, 'applications', application, { ...application, status: 'decided' }, household.id);
        }
        // Written as the decision's consequence: the 課長 writes no household otherwise (access.ts).
        await put(writer, session, 'households', household, { ...household, status: status.value }, household.id);
        if (decision.kind === 'terminate') await endTicketsOnTermination(store, session, household.id, decision.effectiveOn);
        await reconcileHouseholdLinkage(store, writer, session.userId, household.id, { pending: { ...after, hlc: decision.hlc } });
      }
      return put(writer, session, 'decisions', decision, after, household.id);
    });
  }

  const fiscalYearOf = (date: string) => Number(date.slice(0, 4)) - (Number(date.slice(5, 7)) < 4 ? 1 : 0);

  const approverRole = (session: Session): ApproverRole => {
    if (session.role === 'supervisor' || session.role === 'manager') return session.role;
    throw new AccessDeniedError('決裁できるのは査察指導員と課長です');
  };

  return {
    list: generic.list,
    get: generic.get,
    remove: generic.remove,

    /**
     * Drafts a decision (起案) or revises the drafter's own draft or returned decision. Checked against the case's
     * status and, for a decision on an application, against the deadline as of today; an extension reason given
     * here is recorded on the application in the same transaction.
     */
    async draft(session: Session, input: DecisionDraft): Promise<Decision> {
      assertTableAccess(store, session, 'decisions', 'write');
      if (session.role === 'manager') throw new AccessDeniedError('課長は決定を起案できません（決裁のみ）');
      if (blank(input.reasons)) throw new InvalidRecordError('reasons', '決定の理由を入力してください');
      if (input.kind !== 'reject' && input.aids.length === 0) throw new InvalidRecordError('aids', '対象となる扶助を選択してください');
      // 開始・廃止の理由コード (被保護者調査): optional, but only a code of the kind's table (shared/figures/reasonCodes.ts).
      if (input.reasonCode && !reasonsFor(input.kind).some((r) => r.code === input.reasonCode)) {
        throw new InvalidRecordError('reasonCode', `${decisionLabels[input.kind]}決定の理由コードとして登録されていないコードです（${input.reasonCode}）`);
      }
      return writeTransaction(store, tables, async (writer) => {
        const household = await scopedHousehold(store, session, input.householdId, 'write');
        const allowed = decide(household.status, input.kind);
        if (!allowed.ok) refuse('kind', allowed);
        const before = await loaded<Decision>('decisions', input.id);
        if (before && (before.householdId !== input.householdId || before.draftedBy !== session.userId || !['draft', 'returned'].includes(before.stage))) {
          throw new AccessDeniedError('起案者が起案中または差戻しの決定だけを修正できます');
        }
        if (input.supersedes) {
          const earlier = await loaded<Decision>('decisions', input.supersedes);
          if (!earlier || earlier.householdId !== input.householdId || earlier.stage !== 'approved') {
            throw new InvalidRecordError('supersedes', '取り消す決定は、この世帯の決裁済みの決定から選んでください');
          }
        }
        if (input.applicationId) {
          const application = await openApplication(household.id, input.applicationId);
          const extensionReason = blank(input.extensionReason) ? application.extensionReason : input.extensionReason!.trim();
          checkDate(application, today(), extensionReason);
          if (extensionReason !== application.extensionReason) {
            const extended = { ...application, extensionReason };
            await put(
              writer,
              session,
              'applications',
              application,
              { ...extended, dueOn: decisionDeadline({ receivedOn: extended.appliedOn, extensionReason }) },
              household.id,
            );
          }
        }
        const { extensionReason: _recordedOnApplication, ...fields } = input;
        const row: Unstamped<Decision> = {
          ...fields,
          reasons: input.reasons.trim(),
          stage: before?.stage ?? 'draft',
          draftedBy: session.userId,
          history: before?.history ?? [],
        };
        return put(writer, session, 'decisions', before, row, household.id);
      });
    },

    /** 起案 → 査察指導員: sends a draft (or a revised returned decision) for review. */
    submit(session: Session, id: string): Promise<Decision> {
      return act(session, id, () => {
        if (session.role === 'manager') throw new AccessDeniedError('課長は決定を提出できません');
        return { type: 'submit', staffId: session.userId, at: new Date(store.now()).toISOString() };
      });
    },

    /** 査察指導員の審査 or 課長の決裁; the latter applies the decision to the case. */
    approve(session: Session, id: string, comment?: string): Promise<Decision> {
      return act(session, id, () => ({
        type: 'approve',
        staffId: session.userId,
        role: approverRole(session),
        at: new Date(store.now()).toISOString(),
        ...(comment?.trim() ? { comment } : {}),
      }));
    },

    /** 差戻し: back to the drafter, with the comment saying what to revise. */
    returnForRevision(session: Session, id: string, comment: string): Promise<Decision> {
      return act(session, id, () => ({
        type: 'return',
        staffId: session.userId,
        role: approverRole(session),
        at: new Date(store.now()).toISOString(),
        comment,
      }));
    },

    /** The approver's queue: decisions at the stage their role acts on, within their scope, oldest first. */
    async queue(session: Session): Promise<QueueItem[]> {
      assertTableAccess(store, session, 'decisions', 'read');
      if (session.role !== 'supervisor' && session.role !== 'manager') return [];
      const households = new Map((await scopedHouseholds(store, session)).flatMap((h) => (isDamaged(h) ? [] : [[h.id, h] as const])));
      const stage = queueStage[session.role];
      const rows = await db.decisions.where('stage').equals(stage).toArray();
      return rows
        .flatMap((decision) => {
          const household = !isDamaged(decision) && decision.stage === stage ? households.get(decision.householdId) : undefined;
          return household && !isDamaged(decision) ? [{ decision, household }] : [];
        })
        .sort((a, b) => a.decision.hlc.localeCompare(b.decision.hlc));
    },

    /** Records an application (申請の受付) and moves the case to 申請中 in one transaction. */
    async receiveApplication(session: Session, input: ApplicationIntake): Promise<Application> {
      assertTableAccess(store, session, 'applications', 'write');
      assertTableAccess(store, session, 'households', 'write');
      if (input.appliedOn > today()) throw new InvalidRecordError('appliedOn', '未来の日付は入力できません');
      return writeTransaction(store, tables, async (writer) => {
        const household = await scopedHousehold(store, session, input.householdId, 'write');
        const status = receiveApplication(household.status);
        if (!status.ok) refuse('appliedOn', status);
        const extensionReason = blank(input.extensionReason) ? null : input.extensionReason!.trim();
        const row: Unstamped<Application> = {
          ...input,
          extensionReason,
          status: 'received',
          dueOn: decisionDeadline({ receivedOn: input.appliedOn, extensionReason }),
        };
        const saved = await put(writer, session, 'applications', undefined, row, household.id);
        await put(writer, session, 'households', household, { ...household, status: status.value }, household.id);
        return saved;
      });
    },

    /** Undecided applications in the session's scope, for the deadline list. */
    async pendingApplications(session: Session): Promise<PendingApplication[]> {
      assertTableAccess(store, session, 'applications', 'read');
      const households = new Map((await scopedHouseholds(store, session)).flatMap((h) => (isDamaged(h) ? [] : [[h.id, h] as const])));
      const rows = await db.applications.where('status').equals('received').toArray();
      return rows.flatMap((application) => {
        const household = !isDamaged(application) && application.status === 'received' ? households.get(application.householdId) : undefined;
        return household && !isDamaged(application) ? [{ application, household }] : [];
      });
    },
  };
}
