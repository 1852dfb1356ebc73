import type { DeviceProfile } from '../../../../shared/auth/roles.js';
import type { Device } from '../../../../shared/domain/records.js';
import { uuidv7 } from '../../../../shared/ids/uuidv7.js';
import { expect } from 'vitest';
import { type BundleHeader, type HubPayload, hubPayloadSchema, SYNC_FORMAT, SYNC_FORMAT_VERSION } from '../../../../shared/sync/bundleFormat.js';
import type { DataStore } from '../../../../renderer/data/db.js';
import { tableNames } from '../../../../renderer/data/schema.js';
import { applyHubBundle } from '../../../../renderer/data/sync/deviceApply.js';
import { compareDigests, scopeDigest } from '../../../../renderer/data/sync/digest.js';
import { applyDeviceBundle } from '../../../../renderer/data/sync/hubMerge.js';
import { buildDevicePayload } from '../../../../renderer/data/sync/outgoing.js';
import { buildHubPayload, emptyPeer, hubPayloadCounts, recordHubBundleSent } from '../../../../renderer/data/sync/returnBundle.js';
import { cardVerification, openTestStore, rawRows, seedOffice, session } from '../fixtures.js';

/**
 * A hub and one device on fake-indexeddb with real libsodium, and the steps of a round that are S2b's: the hub builds
 * the return, the device applies it, the hub records it as sent. What the device's own bundle tells the hub (its
 * digest, hence which households it holds) is set on the hub's peer state as the hub's import would keep it.
 */
export async function hubAndDevice(profile: Exclude<DeviceProfile, 'hub'> = 'field') {
  const hub = await openTestStore('hub');
  // Set up from the hub's enrolment file, as main says at unlock.
  const device = await openTestStore(profile, { device: { id: uuidv7(), profile, hubDeviceId: hub.store.device.id } });
  const seeded = await seedOffice(hub.store);
  const { ids, hA, mA } = seeded;
  // The member's 個人番号 was received under a §16 record, as the repositories require.
  await hub.store.db.members.put({ ...mA, identityVerification: cardVerification(mA.id, ids.sv1, ids.cwB) });
  await hub.store.db.debts.put({
    id: uuidv7(),
    householdId: hA.id,
    kind: 'refund63',
    status: 'open',
    principal: 30000,
    schedule: [],
    decidedOn: '2026-10-01',
    basis: '63条',
    receipts: [],
    offsetRequest: null,
    hlc: hub.store.clock.stamp(),
  });
  const deviceRow: Device = {
    id: device.store.device.id,
    officeId: 'office-1',
    profile,
    status: 'active',
    name: '訪問用PC-1',
    signPublicKey: 'AAAA',
    boxPublicKey: 'AAAA',
    userIds: [ids.cwA],
    caseloadUserIds: [ids.cwA],
    enrolledBy: ids.admin,
    enrolledAt: '2026-12-01T00:00:00.000Z',
    revoked: null,
    hlc: hub.store.clock.stamp(),
  };
  await hub.store.db.devices.put(deviceRow);
  const admin = session('systemAdmin', ids.admin, null, 'hub');
  const worker = session('caseworker', ids.cwA, 'team-1', profile);
  return { hub, device, ...seeded, deviceRow, admin, worker };
}

export type Setup = Awaited<ReturnType<typeof hubAndDevice>>;

export const headerFor = (hub: DataStore, device: DataStore, seq: number, payload: HubPayload): BundleHeader => ({
  format: SYNC_FORMAT,
  version: SYNC_FORMAT_VERSION,
  officeId: 'office-1',
  sender: hub.device.id,
  recipient: device.device.id,
  seq,
  createdAt: new Date().toISOString(),
  hlcFrom: payload.since,
  hlcTo: payload.through,
  counts: hubPayloadCounts(payload),
  compression: 'gzip',
});

/** The hub's return for the device, checked against the payload contract, recorded as sent under the next seq. */
export async function hubReturn(t: Setup) {
  const peer = (await t.hub.store.db.syncPeers.get(t.deviceRow.id)) ?? null;
  const device = (await t.hub.store.db.devices.get(t.deviceRow.id))!;
  const { payload } = await buildHubPayload(t.hub.store, t.admin, device, peer);
  hubPayloadSchema.parse(payload);
  const seq = (peer?.sentSeq ?? 0) + 1;
  await recordHubBundleSent(t.hub.store, t.admin, t.deviceRow.id, seq, payload);
  return { header: headerFor(t.hub.store, t.device.store, seq, payload), payload };
}

/** The device's digest reaches the hub (what its next bundle carries and the hub's import keeps). */
export async function deviceReports(t: Setup) {
  const held = (await t.device.store.db.households.toCollection().primaryKeys()) as string[];
  const digest = await scopeDigest(t.device.store, t.device.store.device.profile, held);
  const peer = (await t.hub.store.db.syncPeers.get(t.deviceRow.id)) ?? emptyPeer(t.deviceRow.id);
  await t.hub.store.db.syncPeers.put({ ...peer, digest });
}

export async function round(t: Setup) {
  const bundle = await hubReturn(t);
  const result = await applyHubBundle(t.device.store, t.worker, bundle);
  await deviceReports(t);
  return { bundle, result };
}

/** Every table of a database exactly as stored (sealed), for before/after comparisons. */
export async function dump(name: string): Promise<Record<string, unknown[]>> {
  const tables: Record<string, unknown[]> = {};
  for (const table of tableNames) tables[table] = await rawRows(name, table);
  return tables;
}

/**
 * A full round (the device → hub half too: outgoing.ts, hubMerge.ts): the device's bundle `seq` merged on the hub,
 * the hub's return applied on the device; then the hub's content of the device's scope against the device's.
 */
export async function fullRound(t: Setup, seq: number) {
  const peerOnDevice = await t.device.store.db.syncPeers.get(t.hub.store.device.id);
  const outgoing = await buildDevicePayload(t.device.store, t.worker, peerOnDevice);
  const header: BundleHeader = {
    format: SYNC_FORMAT,
    version: SYNC_FORMAT_VERSION,
    officeId: 'office-1',
    sender: t.deviceRow.id,
    recipient: t.hub.store.device.id,
    seq,
    createdAt: new Date().toISOString(),
    hlcFrom: outgoing.hlcFrom,
    hlcTo: outgoing.hlcTo,
    counts: outgoing.counts,
    compression: 'gzip',
  };
  const merged = await applyDeviceBundle(t.hub.store, t.admin, { header, payload: outgoing.payload, sender: t.deviceRow });
  expect(merged.status, merged.message).toBe('applied');
  const applied = await applyHubBundle(t.device.store, t.worker, await hubReturn(t));
  expect(applied.status).toBe('applied');
  // The hub's view: its content of the device's scope against the device's digest now.
  const held = (await t.device.store.db.households.toCollection().primaryKeys()) as string[];
  const onDevice = await scopeDigest(t.device.store, 'field', held);
  const onHub = await scopeDigest(t.hub.store, 'field', [t.hA.id]);
  return { applied, hubView: compareDigests(onHub, onDevice) };
}
