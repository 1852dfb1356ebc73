import type { Session } from '../../../shared/domain/staff.js';
import { assertMayAudit } from '../access.js';
import { chainHash, type AuditEntry } from '../audit.js';
import type { DataStore } from '../db.js';
import { isDamaged, type DamagedRecord } from '../errors.js';
import type { DeviceAuditEntry, SyncPeer } from '../schema.js';

/**
 * Other devices' audit chains on the hub (issue 12: "the hub's auditor verifies each device's chain and sees one
 * merged log"). The import (hubMerge.ts) checks each bundle's entries as the continuation of the device's chain and
 * stores them under `<device id>:<seq, 10 digits>`; a break found then stays on the peer for the auditor.
 */

type Row = Record<string, unknown>;
const GENESIS = '0'.repeat(64);

export const deviceAuditId = (deviceId: string, seq: number) => `${deviceId}:${String(seq).padStart(10, '0')}`;

/**
 * The device's audit entries after those stored, checked as the continuation of its chain: each the next number,
 * chained from the previous hash, its own hash right. A break is reported (and kept on the peer for the auditor);
 * the entries are stored all the same — they are the evidence.
 */
export function verifyDeviceAudit(store: DataStore, peer: SyncPeer, entries: readonly Row[]) {
  const problems: string[] = [];
  let [seq, head] = [peer.auditAcknowledged, peer.auditHead ?? GENESIS];
  const stored: Row[] = [];
  for (const entry of [...entries].sort((a, b) => (a.seq as number) - (b.seq as number))) {
    const n = entry.seq as number;
    if (n <= seq) continue;
    if (n !== seq + 1) problems.push(`端末の監査ログ ${seq + 1}〜${n - 1} 番が欠けています`);
    const { hash, ...body } = entry;
    if (entry.prevHash !== head && n === seq + 1) problems.push(`端末の監査ログ ${n} 番の前の記録が書き換えられています`);
    if (chainHash(store, entry.prevHash as string, body as Omit<AuditEntry, 'hash'>) !== hash) problems.push(`端末の監査ログ ${n} 番は書き換えられています`);
    stored.push(entry);
    [seq, head] = [n, hash as string];
  }
  return { stored, problems, seq, head };
}

/**
 * For the auditor: a device's chain as the hub holds it, in seq order (by the key's range: no index on anything
 * else), and the breaks found when its bundles came in. A stored entry that no longer opens comes back damaged.
 */
export async function deviceAuditOf(
  store: DataStore,
  session: Session,
  deviceId: string,
): Promise<{ entries: (DeviceAuditEntry | DamagedRecord)[]; problems: SyncPeer['auditProblems'] }> {
  assertMayAudit(store, session);
  const [entries, peer] = await Promise.all([
    store.db.deviceAudit.where('id').between(deviceAuditId(deviceId, 0), deviceAuditId(deviceId, 9_999_999_999), true, true).toArray(),
    store.db.syncPeers.get(deviceId),
  ]);
  return { entries, problems: peer && !isDamaged(peer) ? peer.auditProblems : [] };
}
