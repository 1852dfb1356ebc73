/**
 * The data layer's two refusals. Both carry Japanese messages for the screen, and both are thrown (inside the
 * renderer) rather than returned: a repository call that is out of scope must not be able to fall through.
 */

export const INTEGRITY_MESSAGE = 'この記録は改ざんまたは破損しています';

/**
 * What a read yields for a row that fails to open (altered bytes, wrong key, a row written around the
 * middleware): only its primary key and the message. Lists keep rendering and show the message in that row;
 * single-record reads in the repositories turn it into an IntegrityError. Nothing else of the row is returned,
 * because its clear fields are unauthenticated once the seal is broken.
 */
export interface DamagedRecord {
  id: string;
  __integrityError: string;
}

export const isDamaged = (row: unknown): row is DamagedRecord =>
  typeof row === 'object' && row !== null && '__integrityError' in row;

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
