import type { DeviceProfile, Role } from '../auth/roles.js';
import type { ApprovalEntry, ApprovalStage, CaseStatus, DecisionKind } from '../casework/caseStatus.js';
import type { IdentityVerification } from '../casework/identityVerification.js';
import type { Aid, GrantKind } from './aids.js';
import type { BankAccount } from '../linkage/exchangeFormat.js';
import type { LinkageKind, LinkageStatus } from '../linkage/linkageKinds.js';

/**
 * The records of a welfare office, as the data layer stores them. Every synced record has a UUIDv7 `id` and the
 * HLC `hlc` of its last change (the data layer stamps it). Dates are ISO `YYYY-MM-DD`, months `YYYY-MM`, amounts
 * integer yen. Which fields stay readable on disk is decided in renderer/data/schema.ts, not here.
 */

export interface Synced {
  id: string;
  hlc: string;
}

export { aids, type Aid, grantKinds, type GrantKind } from './aids.js';

export interface Office extends Synced {
  name: string;
}

export interface User extends Synced {
  officeId: string;
  teamId: string | null;
  role: Role;
  status: 'active' | 'deactivated';
  name: string;
}

/** A device of the office as the hub's registry holds it (sync, issue 12): written at enrolment, changed by revocation and reassignment. */
export interface Device extends Synced {
  officeId: string;
  profile: DeviceProfile;
  status: 'active' | 'revoked';
  name: string;
  /** The device's public keys (base64): main verifies its bundles with the first and seals the hub's to the second. */
  signPublicKey: string;
  boxPublicKey: string;
  /** The users enrolled to work on it, and the caseworkers whose caseloads it carries (its scope). */
  userIds: string[];
  caseloadUserIds: string[];
  enrolledBy: string;
  enrolledAt: string;
  /** Set once when an administrator revokes it (a lost laptop): from then on its bundles are refused. */
  revoked: { by: string; at: string; reason: string } | null;
}

export interface Household extends Synced {
  officeId: string;
  caseNumber: string;
  /** The caseworker's user id (担当ケースワーカー); null while intake has not assigned one. */
  assignedTo: string | null;
  status: CaseStatus;
  address: string;
  phone: string | null;
  /** 収入申告: incomes the household declared, by month and member (sealed; absent until the first is recorded). */
  incomes?: DeclaredIncome[];
  /** Where the household actually lives (sealed; absent until recorded): what 住宅扶助 rests on. */
  housing?: Housing;
  /** The municipality for 級地・冬季加算地区・住宅扶助 (a key of the calculation's municipality table); absent, the office default. */
  municipality?: string;
  /** 就労自立給付金・進学・就職準備給付金 paid to the household (sealed; absent until the first): the 副本 carries them. */
  grants?: BenefitGrant[];
}

/** One 支給決定 of a 給付金, with the calculation's explained lines it rests on. */
export interface BenefitGrant {
  id: string;
  kind: GrantKind;
  decidedOn: string;
  amount: number;
  /** The calculation's lines, as the wizard showed them. */
  basis: string;
  recordedBy: string;
}

export const housingKinds = ['rented', 'owned', 'public', 'none'] as const;
export type HousingKind = (typeof housingKinds)[number];

export interface Housing {
  kind: HousingKind;
  /** Monthly rent in yen; null for 持家 and no dwelling. */
  rent: number | null;
  /** 床面積 in ㎡ (the 住宅扶助 floor-area reduction), when known. */
  floorAreaSqm: number | null;
}

export const incomeKinds = ['employment', 'pension', 'allowance', 'temporary'] as const;
export type IncomeKind = (typeof incomeKinds)[number];

/** One declared income of one member for one month: 就労 as gross and 必要経費, anything else as its amount (integer yen). */
export type DeclaredIncome = { id: string; memberId: string; month: string; note: string } & (
  | { kind: 'employment'; gross: number; expenses: number }
  | { kind: Exclude<IncomeKind, 'employment'>; amount: number }
);

export interface Member extends Synced {
  householdId: string;
  name: string;
  kana: string;
  birthDate: string;
  sex: 'male' | 'female' | 'other';
  /** 'head' for the 世帯主; otherwise the relation to the head. */
  relation: string;
  /** 12 digits; never present on a field device. */
  myNumber: string | null;
  /** The 番号法§16 verification under which `myNumber` was received (sealed, never the number); absent without one. */
  identityVerification?: IdentityVerification;
  atenaNumber: string | null;
  /** 不開示フラグ: suppresses disclosure and linkage registrations (DV and similar). */
  nonDisclosure: boolean;
  /** 稼働能力 as the caseworker assessed it. The facts from here on are optional: older members have none recorded. */
  workCapacity?: 'able' | 'limited' | 'unable' | null;
  /** 障害者加算 in the calculation's terms: A = 1・2級 (国民年金1級) 相当, B = 3級 (国民年金2級) 相当. */
  disability?: 'A' | 'B' | null;
  school?: 'elementary' | 'juniorHigh' | 'highSchool' | null;
  pregnancy?: { months: number } | { postpartumMonths: number } | null;
  healthInsurance?: 'none' | 'employee' | 'dependent' | 'other' | null;
  /** 介護保険: 第1号 (65歳以上), 第2号 (40〜64歳で医療保険あり), or 被保険者以外 (40〜64歳で医療保険なし). */
  careInsurance?: 'primary' | 'secondary' | 'nonInsured' | null;
  /** 支給口座 (sealed; absent until recorded). */
  payeeAccount?: PayeeAccount | null;
}

/**
 * The account benefits are paid into, with where it came from: the person's own report (本人申出), or the
 * 公金受取口座 registered with the Digital Agency, fetched by an inquiry the person consented to (預貯金口座登録法 §9).
 */
export type PayeeAccount = BankAccount & {
  source: 'selfReported' | 'publicFundsInquiry';
  obtainedOn: string;
  consent: { givenOn: string; method: 'written' | 'oral' } | null;
};

export interface Consultation extends Synced {
  householdId: string;
  intakeOfficerId: string;
  consultedOn: string;
  /** The outcome: still consulting, an application was taken, or closed (e.g. referred to other measures). */
  status: 'open' | 'applied' | 'closed';
  /** 相談の主訴, 生活状況, 助言・他法他施策の案内 (sealed free text). */
  purpose: string;
  situation: string;
  advice: string;
}

export interface Application extends Synced {
  householdId: string;
  appliedOn: string;
  /** 14 days after appliedOn, up to 30 with a stated reason: drives the deadline list. */
  dueOn: string;
  status: 'received' | 'decided' | 'withdrawn';
  extensionReason: string | null;
}

export interface Decision extends Synced {
  householdId: string;
  applicationId: string | null;
  kind: DecisionKind;
  /** The approval (`Approval` of shared/casework/caseStatus.ts) flattened, so that its stage can be the approval queue's index. */
  stage: ApprovalStage;
  draftedBy: string;
  history: ApprovalEntry[];
  effectiveOn: string;
  supersedes: string | null;
  calculationId: string | null;
  aids: Aid[];
  reasons: string;
  /** 開始・廃止の理由コード (shared/figures/reasonCodes.ts) for the 被保護者調査; absent where none was recorded. */
  reasonCode?: string | null;
  /** The notice's 文書番号, taken in order at the 課長's approval, per 年度 (April to March); absent before approval. */
  notice?: { fiscalYear: number; number: number };
}

export interface Calculation extends Synced {
  householdId: string;
  month: string;
  minimumCost: number;
  recognizedIncome: number;
  benefit: number;
  /** The explained breakdown from the calculation engine, with provenance. */
  breakdown: unknown;
}

export interface CaseRecord extends Synced {
  householdId: string;
  authorId: string;
  recordedOn: string;
  /** 'investigation': 調査 on an application (資産・扶養義務者・稼働能力・他法他施策). */
  kind: 'visit' | 'interview' | 'call' | 'investigation' | 'other';
  body: string;
}

export interface VisitPlan extends Synced {
  householdId: string;
  /** A visit grade code (shared/casework/visitPlan.ts). */
  grade: string;
  nextDueOn: string;
  note: string;
  /** When the plan counts from before the first visit (the start of protection); absent, the due date stands. */
  startedOn?: string;
  /** The latest home visit recorded, from which the next one is due. */
  lastVisitOn?: string | null;
}

export interface MedicalTicket extends Synced {
  householdId: string;
  memberId: string;
  month: string;
  kind: 'medical' | 'pharmacy';
  status: 'issued' | 'cancelled';
  institution: string;
  payerNumber: string;
  recipientNumber: string;
  /** 本人支払額 (the recipient's own share, e.g. from income), integer yen. */
  copayment: number;
  /** Last day of validity: the month's end, or the day before a termination (廃止) takes effect. */
  validUntil: string;
}

export interface Debt extends Synced {
  householdId: string;
  kind: 'refund63' | 'collection78' | 'collection77bis';
  status: 'open' | 'settled' | 'writtenOff';
  principal: number;
  schedule: { dueOn: string; amount: number }[];
  decidedOn: string;
  /** The calculation's explained lines (shared/calc/debts.ts), as the ledger shows them. */
  basis: string;
  /** 納付 by the debtor, or 78条の2 調整 against a month's benefit. */
  receipts: { receivedOn: string; amount: number; method: 'paid' | 'offset' }[];
  /** 78条の2: the recipient's written request (申出) to offset, or null; never assumed. */
  offsetRequest: { requestedOn: string; monthlyAmount: number } | null;
}

/**
 * One linkage message's life on the case (the linkage ledger): the 副本 of a person and period, a 資格情報
 * registration, a ticket's data, an inquiry or a 公金受取口座 inquiry. The outbox carries each sending; this row
 * keeps what was sent last, where it stands and what came back, so the case shows 要訂正 and the retry.
 */
export interface LinkageRecord extends Synced {
  householdId: string;
  memberId: string | null;
  kind: LinkageKind;
  status: LinkageStatus;
  /** The outbox idempotency key (`linkage:<kind>:<blind key>`): results come back with it. */
  idempotencyKey: string;
  /** What the key is derived from (宛名番号, item, period …), sealed: a retry queues under the same key. */
  naturalKey: unknown;
  /** A code of the linkage items table (shared/linkage/legalReferences.ts). */
  itemCode: string;
  /** The body last queued (exchangeFormat.ts's body for the kind); null while blocked or suppressed. */
  body: unknown;
  /** The outbox entry last queued for it: a result for an older sending does not change the status. */
  lastRecordId: string | null;
  /** Who caused it (the approver of a decision, the caseworker who asked). */
  requestedBy: string;
  /** The other side registered it once: a later change is a correction, not a registration. */
  registered: boolean;
  exchangeId: string | null;
  problem: { code: string; reason: string } | null;
  answer: unknown;
  history: { at: string; status: LinkageStatus; note: string | null }[];
}

/**
 * A 番号法§23 record of one sending or answer through 情報連携: who, when, which item, on what basis. Kept for
 * 7 years (施行令§30), then deleted with a log entry. Local to the device that exchanged the files (the hub).
 */
export interface ProvisionRecord {
  id: string;
  at: string;
  kind: 'registration' | 'inquiry' | 'answer';
  /** The administrator who exchanged the file. */
  actorId: string;
  /** Who caused the record to be sent. */
  requestedBy: string;
  linkageKind: LinkageKind;
  itemCode: string;
  itemLabel: string;
  legalBasis: string;
  /** The other party: the 情報提供者 asked, or the 中間サーバー for registrations. */
  counterpart: string;
  householdId: string | null;
  linkageRecordId: string | null;
  exchangeId: string;
  retainUntil: string;
}

export interface Payment extends Synced {
  householdId: string;
  month: string;
  payOn: string;
  status: 'scheduled' | 'paid' | 'cancelled';
  amount: number;
  method: 'transfer' | 'cash';
}
