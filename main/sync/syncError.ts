import { ServiceError } from '../ipc/router.js';

/** Why main refused a sync bundle or an enrolment file (shared/sync/README.md, "Refusals"). */
export type SyncErrorCode =
  | 'SYNC_UNREADABLE'
  | 'SYNC_TOO_LARGE'
  | 'SYNC_SCHEMA'
  | 'SYNC_WRONG_OFFICE'
  | 'SYNC_WRONG_RECIPIENT'
  | 'SYNC_UNKNOWN_SENDER'
  | 'SYNC_REVOKED_SENDER'
  | 'SYNC_BAD_SIGNATURE'
  | 'SYNC_TAMPERED'
  | 'SYNC_TRUNCATED'
  | 'ENROL_WRONG_CODE'
  | 'ENROL_INVALID';

/** A refusal with a Japanese message naming what is wrong; a ServiceError, so the router passes it through. */
export class SyncError extends ServiceError {
  declare readonly code: SyncErrorCode;
  constructor(code: SyncErrorCode, message: string) {
    super(code, message);
    this.name = 'SyncError';
  }
}
