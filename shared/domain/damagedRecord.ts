export const INTEGRITY_MESSAGE = 'この記録は改ざんまたは破損しています';

/**
 * What a read yields for a row that fails to open (altered bytes, wrong key, a row written around the
 * middleware): only its primary key and the message. Lists keep rendering and show the message in that row;
 * single-record reads in the repositories turn it into an IntegrityError. Nothing else of the row is returned,
 * because its clear fields are unauthenticated once the seal is broken. Here in shared/ because screens show
 * such rows without reaching into the data layer.
 */
export interface DamagedRecord {
  id: string;
  __integrityError: string;
}

export const isDamaged = (row: unknown): row is DamagedRecord => typeof row === 'object' && row !== null && '__integrityError' in row;
