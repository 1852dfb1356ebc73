import type { DeviceProfile, Role } from '../auth/roles.js';
import type { ApprovalEntry, ApprovalStage, CaseStatus, DecisionKind } from '../casework/caseStatus.js';

/**
 * The records of a welfare office, as the data layer stores them. Every synced record has a UUIDv7 `id` and the
 * HLC `hlc` of its last change (the data layer stamps it). Dates are ISO `YYYY-MM-DD`, months `YYYY-MM`, amounts
 * integer yen. Which fields stay readable on disk is decided in renderer/data/schema.ts, not here.
 */

export interface Synced {
  id: string;
  hlc: string;
}

export const aids = ['living', 'education', 'housing', 'medical', 'care', 'maternity', 'occupational', 'funeral'] as const;
export type Aid = (typeof aids)[number];

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

export interface Device extends Synced {
  officeId: string;
  profile: DeviceProfile;
  status: 'active' | 'revoked';
  name: string;
}

export interface Household extends Synced {
  officeId: string;
  caseNumber: string;
  /** The caseworker's user id (担当ケースワーカー); null while intake has not assigned one. */
  assignedTo: string | null;
  status: CaseStatus;
  address: string;
  phone: string | null;
}

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
  atenaNumber: string | null;
  /** 不開示フラグ: suppresses disclosure and linkage registrations (DV and similar). */
  nonDisclosure: boolean;
}

export interface Consultation extends Synced {
  householdId: string;
  intakeOfficerId: string;
  consultedOn: string;
  status: 'open' | 'applied' | 'closed';
  summary: string;
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
  kind: 'visit' | 'interview' | 'call' | 'other';
  body: string;
}

export interface VisitPlan extends Synced {
  householdId: string;
  /** A visit grade code (shared/casework/visitPlan.ts). */
  grade: string;
  nextDueOn: string;
  note: string;
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
}

export interface Debt extends Synced {
  householdId: string;
  kind: 'refund63' | 'collection78' | 'collection77bis';
  status: 'open' | 'settled' | 'writtenOff';
  principal: number;
  schedule: { dueOn: string; amount: number }[];
}

export interface Payment extends Synced {
  householdId: string;
  month: string;
  payOn: string;
  status: 'scheduled' | 'paid' | 'cancelled';
  amount: number;
  method: 'transfer' | 'cash';
}
