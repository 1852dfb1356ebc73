import type { SeihoApi } from '../../shared/ipc/api';
import type { Role } from '../../shared/auth/roles';
import type { Session } from '../../shared/domain/staff';
import { assertTableAccess, myNumberAccessOf } from '../data/access';
import type { DataStore } from '../data/db';
import { createRepositories } from '../data/repos';
import type { TableName } from '../data/schema';
import { calculationFlowServices } from './calculationFlow';
import { caseIntakeServices } from './caseIntake';
import { caseListServices } from './caseList';
import { caseloadServices } from './caseload';
import { documentServices } from './documents';
import { caseRecordServices } from './caseRecords';
import { deviceStatusServices } from './deviceStatus';
import { linkageExchangeServices } from './linkageExchangeFlow';
import { keyRotationServices } from './keyRotation';
import { officeAdminServices } from './officeAdmin';
import { officeFiguresServices } from './officeFigures';
import { piaServices } from './pia';
import { selfInspectionServices } from './selfInspection';
import { settingsServices } from './settings';
import { syncServices } from './sync';
import type { ServiceContext } from './context';
import { registerGroups } from './registry';
import { bindSession } from './sessionBound';

const without = <T extends object, K extends keyof T>(group: T, ...names: K[]): Omit<T, K> => {
  const copy = { ...group };
  for (const name of names) delete copy[name];
  return copy;
};

/**
 * The application services: what a screen calls, bound to the session once at unlock. Screens never hold the
 * Dexie handle, the repositories or the session; they read through these and change data only through named
 * operations, and every rule those operations carry (role, scope, state transitions) is enforced below them, in
 * the data layer. Every call is async and takes plain data, so the whole layer could move into a worker.
 */
export function createServices(init: { store: DataStore; session: Session; api: SeihoApi; officeId: string }) {
  const repos = createRepositories(init.store);
  const context: ServiceContext = { ...init, repos };
  const { store, session } = init;
  const bound = <R extends object>(repository: R) => bindSession(repository, session);

  return registerGroups(
    {
      /** What the session may do, asked before a form is offered (the data layer refuses it anyway). */
      access: {
        mayWrite(table: TableName): boolean {
          try {
            assertTableAccess(store, session, table, 'write');
            return true;
          } catch {
            return false;
          }
        },
        myNumber: myNumberAccessOf(session),
        /** Whether staff of `role` handle 個人番号 (a second person confirming a number must). */
        handlesMyNumber: (role: Role) => myNumberAccessOf({ ...session, role }) === 'reveal',
        deviceProfile: store.device.profile,
      },
      households: without(bound(repos.households), 'save'),
      members: without(bound(repos.members), 'save', 'remove'),
      incomes: bound(repos.incomes),
      applications: bound(repos.applications),
      decisions: without(bound(repos.decisions), 'remove'),
      calculations: bound(repos.calculations),
      visits: bound(repos.visits),
      medicalTickets: bound(repos.medicalTickets),
      tickets: bound(repos.tickets),
      debts: bound(repos.debts),
      payments: bound(repos.payments),
      ledgers: bound(repos.ledgers),
      grants: bound(repos.grants),
      drafts: bound(repos.drafts),
      staff: without(bound(repos.staff), 'syncSelf'),
      auditLog: bound(repos.auditLog),
      linkage: bound(repos.linkage),
      provisionRecords: bound(repos.provisionRecords),
    },
    calculationFlowServices(context),
    caseIntakeServices(context),
    caseListServices(context),
    caseloadServices(context),
    caseRecordServices(context),
    deviceStatusServices(context),
    documentServices(context),
    officeAdminServices(context),
    officeFiguresServices(context),
    piaServices(context),
    keyRotationServices(context),
    linkageExchangeServices(context),
    selfInspectionServices(context),
    settingsServices(context),
    syncServices(context),
  );
}

export type Services = ReturnType<typeof createServices>;
