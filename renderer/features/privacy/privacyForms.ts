import { formOf } from '../../../shared/casework/inputKit';
import {
  assessmentInputSchema,
  authorityDocumentLabels,
  extensionSchema,
  identityDocumentLabels,
  incidentInputSchema,
  privacyRequestInputSchema,
  requesterTypeLabels,
  trainingInputSchema,
} from '../../../shared/pia/records';
import { privacyRequestKindLabels } from '../../../shared/pia/requestDeadlines';
import type { PersonEntry } from '../../services/pia';

/** The 個人情報保護 forms over the records' schemas (shared/pia/records.ts): the data layer checks the same ones. */

export const optionsOf = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));

export type RequestFormInput = {
  kind: string;
  personKind: 'member' | 'other';
  caseNumber: string;
  personName: string;
  description: string;
  requesterType: string;
  agentName: string;
  idDocument: string;
  idOther: string;
  checkedBy: string;
  authDocument: string;
  authOther: string;
  receivedOn: string;
  asked: string;
};

/** The record's field paths (and the data layer's refusals) on this form's fields. */
export const requestFieldOf: Record<string, keyof RequestFormInput> = {
  kind: 'kind',
  'person.description': 'description',
  'person.caseNumber': 'caseNumber',
  'person.name': 'personName',
  'person.memberId': 'personName',
  'requester.type': 'requesterType',
  'requester.name': 'agentName',
  'identityCheck.document': 'idDocument',
  'identityCheck.otherDocument': 'idOther',
  'identityCheck.checkedBy': 'checkedBy',
  'authorityCheck.document': 'authDocument',
  'authorityCheck.otherDocument': 'authOther',
  receivedOn: 'receivedOn',
  asked: 'asked',
};

// A member is found by the data layer at registration; until then the record's ids stand in.
const FOUND_AT_REGISTRATION = '（登録時に照合）';

export const requestFormSchema = formOf(
  privacyRequestInputSchema,
  (v: RequestFormInput) => ({
    kind: v.kind,
    person:
      v.personKind === 'member'
        ? { kind: 'member', householdId: FOUND_AT_REGISTRATION, memberId: FOUND_AT_REGISTRATION }
        : { kind: 'other', description: v.description },
    requester: { type: v.requesterType, name: v.agentName },
    identityCheck: { document: v.idDocument, otherDocument: v.idOther, checkedBy: v.checkedBy },
    authorityCheck: v.requesterType === 'self' ? null : { document: v.authDocument, otherDocument: v.authOther },
    receivedOn: v.receivedOn,
    asked: v.asked,
  }),
  {
    fieldOf: (path) => requestFieldOf[path] ?? path,
    check: (v) =>
      v.personKind !== 'member'
        ? []
        : [
            ...(v.caseNumber.trim() === '' ? [{ path: 'caseNumber', message: 'ケース番号を入力してください' }] : []),
            ...(v.personName.trim() === '' ? [{ path: 'personName', message: '世帯員の氏名を入力してください' }] : []),
          ],
  },
);

export const personOf = (v: RequestFormInput): PersonEntry =>
  v.personKind === 'member' ? { kind: 'member', caseNumber: v.caseNumber, name: v.personName } : { kind: 'other', description: v.description };

export const emptyRequest = (today: string, userId: string): RequestFormInput => ({
  kind: 'disclosure',
  personKind: 'other',
  caseNumber: '',
  personName: '',
  description: '',
  requesterType: 'self',
  agentName: '',
  idDocument: 'myNumberCard',
  idOther: '',
  checkedBy: userId,
  authDocument: 'powerOfAttorney',
  authOther: '',
  receivedOn: today,
  asked: '',
});

export const labels = {
  kinds: privacyRequestKindLabels,
  requesters: requesterTypeLabels,
  identityDocuments: identityDocumentLabels,
  authorityDocuments: authorityDocumentLabels,
};

export { extensionSchema, trainingInputSchema as trainingSchema, assessmentInputSchema as assessmentSchema };

export type IncidentFormInput = {
  summary: string;
  occurredOn: string;
  foundOn: string;
  peopleAffected: string;
  dataKinds: string;
  deviceId: string;
  unlawfulPurpose: boolean;
  serious: boolean;
};
export const incidentFormSchema = formOf(incidentInputSchema, (v: IncidentFormInput) => ({ ...v, deviceId: v.deviceId === '' ? null : v.deviceId }));
