import { expect } from 'vitest';
import type { DeviceProfile } from '../../../../shared/auth/roles.js';
import type { Device } from '../../../../shared/domain/records.js';
import { uuidv7 } from '../../../../shared/ids/uuidv7.js';
import { SYNC_FORMAT, SYNC_FORMAT_VERSION, type BundleHeader, type DevicePayload } from '../../../../shared/sync/bundleFormat.js';
import { tableNames } from '../../../../renderer/data/schema.js';
import type { DataStore } from '../../../../renderer/data/db.js';
import { applyDeviceBundle } from '../../../../renderer/data/sync/hubMerge.js';
import { buildDevicePayload } from '../../../../renderer/data/sync/outgoing.js';
import { openTestStore, rawRows, seedOffice, session } from '../fixtures.js';

/**
 * A hub and one enrolled device holding the same office (seedOffice on the hub, its rows copied to the device as a
 * first checkout would leave them: a field device without the 個人番号), both on fake-indexeddb with real libsodium.
 */
export async function hubAndDevice(profile: Exclude<DeviceProfile, 'hub'> = 'field') {
  const hub = await openTestStore('hub');
  const seeded = await seedOffice(hub.store);
  // Set up from the hub's enrolment file, as main says at unlock.
  const device = await openTestStore(profile, { device: { id: uuidv7(), profile, hubDeviceId: hub.store.device.id } });
  for (const table of ['users', 'households', 'caseRecords'] as const) await device.store.db.table(table).bulkPut(await hub.store.db.table(table).toArray());
  const members = await hub.store.db.members.toArray();
  await device.store.db.members.bulkPut(profile === 'field' ? members.map((m) => ({ ...m, myNumber: null })) : members);
  const registry: Device = {
    id: device.store.device.id,
    hlc: hub.store.clock.stamp(),
    officeId: 'office-1',
    profile,
    status: 'active',
    name: '訪問用端末1',
    signPublicKey: 'sign',
    boxPublicKey: 'box',
    userIds: [seeded.ids.cwA],
    caseloadUserIds: [seeded.ids.cwA],
    enrolledBy: seeded.ids.admin,
    enrolledAt: '2026-11-01T00:00:00.000Z',
    revoked: null,
  };
  await hub.store.db.devices.put(registry);
  return {
    hub,
    device,
    registry,
    ...seeded,
    admin: session('systemAdmin', seeded.ids.admin, null, 'hub'),
    cw: session('caseworker', seeded.ids.cwA, 'team-1', profile),
    hubCw: session('caseworker', seeded.ids.cwA, 'team-1', 'hub'),
    sv: session('supervisor', seeded.ids.sv1, 'team-1', 'hub'),
  };
}

export const headerOf = (sender: string, recipient: string, seq: number): BundleHeader => ({
  format: SYNC_FORMAT,
  version: SYNC_FORMAT_VERSION,
  officeId: 'office-1',
  sender,
  recipient,
  seq,
  createdAt: '2026-12-01T00:00:00.000Z',
  hlcFrom: null,
  hlcTo: null,
  counts: {},
  compression: 'gzip',
});

type Pair = Awaited<ReturnType<typeof hubAndDevice>>;

/** The device's next payload, as it would send it (nothing acknowledged yet). */
export async function devicePayload(t: Pair): Promise<DevicePayload> {
  return (await buildDevicePayload(t.device.store, t.cw, undefined)).payload;
}

export function importBundle(t: Pair, seq: number, payload: DevicePayload, sender: Device = t.registry) {
  return applyDeviceBundle(t.hub.store, t.admin, { header: headerOf(sender.id, t.hub.store.device.id, seq), payload, sender });
}

/** Every table's rows exactly as IndexedDB holds them (sealed), by table. */
export async function rawSnapshot(name: string): Promise<Record<string, Record<string, unknown>[]>> {
  return Object.fromEntries(await Promise.all(tableNames.map(async (table) => [table, await rawRows(name, table)] as const)));
}

/**
 * What a refused bundle may change: one quarantine row, one audit entry (and the audit counter that chains it).
 * Every other table — rows, outbox, peers, conflicts, device audit — byte for byte as before.
 */
export function expectOnlyQuarantined(before: Record<string, Record<string, unknown>[]>, after: Record<string, Record<string, unknown>[]>) {
  for (const table of tableNames) {
    if (table === 'syncQuarantine' || table === 'audit' || table === 'counters') continue;
    expect(after[table], table).toEqual(before[table]);
  }
  expect(after.syncQuarantine!.length).toBe(before.syncQuarantine!.length + 1);
  expect(after.audit!.slice(0, before.audit!.length)).toEqual(before.audit);
  expect(after.audit!.length).toBe(before.audit!.length + 1);
  const others = (rows: Record<string, unknown>[]) => rows.filter((row) => row.id !== 'audit');
  expect(others(after.counters!)).toEqual(others(before.counters!));
}

export const storeOf = (t: { store: DataStore }) => t.store;
