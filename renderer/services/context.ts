import type { SeihoApi } from '../../shared/ipc/api';
import type { Session } from '../../shared/domain/staff';
import type { DataStore } from '../data/db';
import type { Repositories } from '../data/repos';

/** What every service module is built from at unlock. Only services hold these; screens get the services. */
export interface ServiceContext {
  store: DataStore;
  session: Session;
  repos: Repositories;
  api: SeihoApi;
  officeId: string;
}
