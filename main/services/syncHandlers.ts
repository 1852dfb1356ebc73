import { ServiceError, type Handlers } from '../ipc/router.js';

type SyncMethods = 'syncIdentity' | 'syncEnrol' | 'syncInspectEnrolment' | 'syncSetupFromEnrolment' | 'syncWriteBundle' | 'syncReadBundles';

const notYet = () => {
  throw new ServiceError('NOT_IMPLEMENTED', '同期の機能はまだ準備中です');
};

/** The sync channels (shared/sync/README.md, "IPC"): the contract is fixed first so the renderer can build to it. */
export function createSyncHandlers(): Pick<Handlers, SyncMethods> {
  return {
    syncIdentity: notYet,
    syncEnrol: notYet,
    syncInspectEnrolment: notYet,
    syncSetupFromEnrolment: notYet,
    syncWriteBundle: notYet,
    syncReadBundles: notYet,
  };
}
