import { ServiceError } from '../ipc/router.js';

export type VaultErrorCode =
  | 'NOT_INITIALIZED'
  | 'ALREADY_INITIALIZED'
  | 'KEYSTORE_DAMAGED'
  | 'NOT_AUTHORIZED'
  | 'INVALID_INPUT'
  | 'WEAK_PASSPHRASE'
  | 'DUPLICATE_USER'
  | 'NO_SUCH_USER'
  | 'DEACTIVATED'
  | 'LAST_ADMIN'
  | 'RECOVERY_KEY_INVALID'
  | 'RECOVERY_KEY_MISMATCH'
  | 'ROTATION_IN_PROGRESS'
  | 'ROTATION_BLOCKED';

/** A refusal with a Japanese message; a ServiceError, so the IPC router passes code and message through. */
export class VaultError extends ServiceError {
  declare readonly code: VaultErrorCode;
  constructor(code: VaultErrorCode, message: string) {
    super(code, message);
    this.name = 'VaultError';
  }
}
