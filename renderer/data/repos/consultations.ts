import { roleLabels } from '../../../shared/auth/roles.js';
import type { Consultation } from '../../../shared/domain/records.js';
import type { Session } from '../../../shared/domain/staff.js';
import { mayRecordConsultation, type ConsultationTakers } from '../../../shared/settings/officeSettings.js';
import { assertSession, assertWritableHouseholds } from '../access.js';
import type { DataStore } from '../db.js';
import { AccessDeniedError } from '../errors.js';
import type { Unstamped } from '../outbox.js';
import { householdRecords } from './householdRecords.js';
import { saveRecord } from './recordWriter.js';
import { assertValidRow } from './rowSchemas.js';

/**
 * 相談: read like any household record; recorded by whom the office allows — 面接相談員 always, 地区担当員 when the
 * office lets them take 面接当番 (officeSettings' consultationTakers, which the caller reads from the settings and
 * passes on every save). Scope still applies: a caseworker records only on a case of their caseload.
 */
export function consultationsRepository(store: DataStore) {
  const { list, get, remove } = householdRecords(store, 'consultations', { deletable: true });
  return {
    list,
    get,
    remove,
    async save(session: Session, row: Unstamped<Consultation>, takers?: ConsultationTakers): Promise<Consultation> {
      assertValidRow('consultations', row);
      assertSession(store, session);
      if (!mayRecordConsultation(session.role, takers)) {
        throw new AccessDeniedError(`${roleLabels[session.role]}は相談を記録できません（この事務所では面接相談員が記録します）`);
      }
      return saveRecord(store, session, {
        table: 'consultations',
        id: row.id,
        build: () => row,
        authorize: (before, after) => assertWritableHouseholds(store, session, after.householdId, ...(before ? [before.householdId] : [])),
        householdOf: (saved) => saved.householdId,
      });
    },
  };
}
