import type { DataStore } from '../db.js';
import { auditLogRepository } from './auditLog.js';
import { consultationsRepository } from './consultations.js';
import { decisionsRepository } from './decisions.js';
import { debtsRepository } from './debts.js';
import { draftsRepository } from './drafts.js';
import { grantsRepository } from './grants.js';
import { householdRecords } from './householdRecords.js';
import { householdsRepository } from './households.js';
import { incomesRepository } from './incomes.js';
import { linkageRepository } from './linkage.js';
import { provisionRecordsRepository } from './provisionRecords.js';
import { linkageExchange } from '../linkage/exchange.js';
import { medicalTicketsRepository } from './medicalTickets.js';
import { membersRepository } from './members.js';
import { staffRepository } from './staff.js';
import { syncRepository } from './sync.js';
import { visitsRepository } from './visits.js';
import { trainingRepository } from './training.js';
import { privacyRequestsRepository } from './privacyRequests.js';
import { incidentsRepository } from './incidents.js';
import { trainingRecordsRepository } from './trainingRecords.js';
import { piaAssessmentRepository } from './piaAssessment.js';

/**
 * Every repository over one open store. Each call takes the session and refuses what it may not do — always as a
 * rejected promise (AccessDeniedError, IntegrityError, InvalidRecordError), never a synchronous throw.
 */
export function createRepositories(store: DataStore) {
  const records = <K extends Parameters<typeof householdRecords>[1]>(table: K, deletable = true) => householdRecords(store, table, { deletable });
  // Tables whose rows change only through a rule-bearing repository (applications through decisions, tickets through
  // tickets.issue, debts and payments through the ledgers, plans through visits): no generic save or remove here.
  const readOnly = <K extends Parameters<typeof householdRecords>[1]>(table: K) => {
    const { list, get } = householdRecords(store, table, { deletable: false });
    return { list, get };
  };
  return {
    households: householdsRepository(store),
    members: membersRepository(store),
    incomes: incomesRepository(store),
    consultations: consultationsRepository(store),
    applications: readOnly('applications'),
    decisions: decisionsRepository(store),
    calculations: records('calculations', false),
    caseRecords: records('caseRecords'),
    visitPlans: readOnly('visitPlans'),
    medicalTickets: readOnly('medicalTickets'),
    debts: readOnly('debts'),
    payments: readOnly('payments'),
    drafts: draftsRepository(store),
    auditLog: auditLogRepository(store),
    staff: staffRepository(store),
    visits: visitsRepository(store),
    tickets: medicalTicketsRepository(store),
    ledgers: debtsRepository(store),
    training: trainingRepository(store),
    grants: grantsRepository(store),
    linkage: linkageRepository(store),
    linkageExchange: linkageExchange(store),
    provisionRecords: provisionRecordsRepository(store),
    sync: syncRepository(store),
    privacyRequests: privacyRequestsRepository(store),
    incidents: incidentsRepository(store),
    trainingRecords: trainingRecordsRepository(store),
    piaAssessment: piaAssessmentRepository(store),
  };
}

export type Repositories = ReturnType<typeof createRepositories>;
