import type { DeviceProfile } from '../../../shared/auth/roles.js';
import { validateMyNumber } from '../../../shared/casework/myNumber.js';
import type { SyncChange } from '../../../shared/sync/bundleFormat.js';
import { tableLabels } from '../access.js';
import type { TableName } from '../schema.js';

/**
 * What a field device (訪問用端末) may hold: no 個人番号 (DESIGN.md, "Field devices never hold 個人番号"). The hub
 * strips it from every row it sends to one, with the 番号法§16 record it was received under (the record of how a
 * number was checked belongs with the number: a field device does not handle numbers at all); the device refuses a
 * whole bundle that still carries one. Hub and office devices hold the number, sealed like every field.
 */

/** Whether a device of this profile may hold a 個人番号. */
export const holdsMyNumber = (profile: DeviceProfile): boolean => profile !== 'field';

/**
 * A row as a device of `profile` holds it: for a field device a member's `myNumber` is null and its
 * `identityVerification` absent. The same function shapes what the hub sends and what the digest hashes, so both
 * sides hash the same content.
 */
export function rowForDevice<R extends object>(profile: DeviceProfile, table: string, row: R): R {
  if (holdsMyNumber(profile) || table !== 'members') return row;
  const { identityVerification: _withheld, ...kept } = row as R & { identityVerification?: unknown; myNumber?: unknown };
  return { ...kept, myNumber: null } as R;
}

/** Where a 個人番号 was found in a change, for the refusal message. */
export interface MyNumberFinding {
  table: string;
  id: string;
  /** The field's path in the row (`myNumber`, `identityVerification`, `body.note` …). */
  path: string;
}

/** Keys that hold a number by name, wherever they sit in a row. */
const numberKeys = new Set(['myNumber', 'identityVerification']);

/**
 * Whether a change carries a 個人番号 (defence in depth, on the field device, whatever the hub meant to send): a
 * `myNumber` or a §16 record anywhere in the row or its base, at any depth, that is not empty; or a string whose
 * whole value is a valid 個人番号 (12 digits, spaces and hyphens aside, with a matching 検査用数字) — a number
 * copied into another field. A number inside a longer text is not looked for: free text is not parsed for digits.
 */
export function containsMyNumber(change: SyncChange): MyNumberFinding | null {
  for (const [part, value] of [
    ['', change.row],
    ['base.', change.base],
  ] as const) {
    const path = findNumber(value, part);
    if (path !== null) return { table: change.table, id: change.id, path };
  }
  return null;
}

function findNumber(value: unknown, path: string): string | null {
  if (typeof value === 'string') return looksLikeMyNumber(value) ? path.replace(/\.$/, '') : null;
  if (value === null || typeof value !== 'object') return null;
  for (const [key, inner] of Object.entries(value)) {
    if (numberKeys.has(key) && inner !== null && inner !== undefined && inner !== '') return `${path}${key}`;
    const found = findNumber(inner, `${path}${key}.`);
    if (found !== null) return found;
  }
  return null;
}

const looksLikeMyNumber = (value: string): boolean => value.length <= 40 && /\d{4}/.test(value) && validateMyNumber(value).ok;

/** The Japanese refusal of a bundle for a field device: which row and field carried the number, never the number. */
export function myNumberRefusal(finding: MyNumberFinding): string {
  const table = tableLabels[finding.table as TableName] ?? finding.table;
  return `この同期ファイルには個人番号が含まれているため、訪問用端末では受け付けません（${table} ${finding.id} の ${finding.path}）。管理者に連絡してください`;
}

/** The first change of a bundle that carries a 個人番号, or null. */
export function findMyNumber(changes: readonly SyncChange[]): MyNumberFinding | null {
  for (const change of changes) {
    const finding = containsMyNumber(change);
    if (finding) return finding;
  }
  return null;
}
