/**
 * The data layer's two refusals. Both carry Japanese messages for the screen, and both are thrown (inside the
 * renderer) rather than returned: a repository call that is out of scope must not be able to fall through.
 */

import { INTEGRITY_MESSAGE } from '../../shared/domain/damagedRecord.js';

export { INTEGRITY_MESSAGE, isDamaged, type DamagedRecord } from '../../shared/domain/damagedRecord.js';

export class IntegrityError extends Error {
  override readonly name = 'IntegrityError';
  constructor(
    readonly table: string,
    readonly id: unknown,
  ) {
    super(`${INTEGRITY_MESSAGE}（${table} ${String(id)}）`);
  }
}

export class AccessDeniedError extends Error {
  override readonly name = 'AccessDeniedError';
}

/** A value the data layer will not store (a 個人番号 whose check digit fails, a reveal without a reason). */
export class InvalidRecordError extends Error {
  override readonly name = 'InvalidRecordError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}
