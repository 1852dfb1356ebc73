import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { onTestFinished } from 'vitest';
import type { DeviceProfile, Role } from '../../../shared/auth/roles.js';
import type { Household, Member } from '../../../shared/domain/records.js';
import type { Session } from '../../../shared/domain/staff.js';
import { uuidv7 } from '../../../shared/ids/uuidv7.js';
import { openDatabase, type DataStore, type OpenOptions } from '../../../renderer/data/db.js';
import type { Unstamped } from '../../../renderer/data/outbox.js';
import { createRepositories } from '../../../renderer/data/repos/index.js';
import { applySchema, type SchemaVersion } from '../../../renderer/data/schema.js';
import { refreshSearchTokens } from '../../../renderer/data/searchIndex.js';

/** Test data and helpers for the data layer on fake-indexeddb with real libsodium. */

export const VALID_MY_NUMBER = '123456789018'; // body 12345678901, check digit 8 (check-digits.json)
export const testKey = () => Uint8Array.from({ length: 32 }, (_, i) => i + 1);

export async function openTestStore(profile: DeviceProfile = 'office', extra: Partial<OpenOptions> = {}) {
  const name = `test-${uuidv7()}`;
  const store = await openDatabase(testKey(), { kid: 'k1', device: { id: uuidv7(), profile }, name, ...extra });
  // Closed when the test ends, pass or fail, so a failing test does not leave the next one a store to trip on.
  // Opened by a hook (beforeEach) instead, the store is its caller's to close: vitest refuses the call there.
  try {
    onTestFinished(() => store.close());
  } catch {}
  return { store, name, repos: createRepositories(store) };
}

/** The rows exactly as IndexedDB holds them: a Dexie over the same schema without the encryption middleware. */
export async function rawRows(name: string, table: string, versions?: readonly SchemaVersion[]): Promise<Record<string, unknown>[]> {
  const raw = new Dexie(name);
  applySchema(raw, versions);
  await raw.open();
  try {
    return await raw.table(table).toArray();
  } finally {
    raw.close();
  }
}

export async function mutateRaw(name: string, table: string, id: string, change: (row: Record<string, unknown>) => void) {
  const raw = new Dexie(name);
  applySchema(raw);
  await raw.open();
  try {
    const row = await raw.table(table).get(id);
    change(row);
    await raw.table(table).put(row);
  } finally {
    raw.close();
  }
}

export const session = (role: Role, userId: string, teamId: string | null = null, deviceProfile: DeviceProfile = 'office'): Session => ({
  userId,
  role,
  teamId,
  deviceProfile,
});

export const household = (assignedTo: string | null, over: Partial<Household> = {}): Unstamped<Household> => ({
  id: uuidv7(),
  officeId: 'office-1',
  caseNumber: `K-${Math.floor(Math.random() * 1e6)}`,
  assignedTo,
  status: 'active',
  address: '埼玉県加須市三俣二丁目1番地1',
  phone: '0480-00-0000',
  ...over,
});

/** A card-based 番号法§16 record for `personId`, received by one member of staff and confirmed by another. */
export const cardVerification = (personId: string, verifiedBy: string, confirmedBy: string) => ({
  method: 'card' as const,
  personId,
  verifiedBy,
  verifiedOn: '2026-11-20',
  confirmation: { staffId: confirmedBy, confirmedOn: '2026-11-20' },
});

export const member = (householdId: string, over: Partial<Member> = {}): Unstamped<Member> => ({
  id: uuidv7(),
  householdId,
  name: '山田 太郎',
  kana: 'ヤマダ タロウ',
  birthDate: '1960-04-01',
  sex: 'male',
  relation: 'head',
  myNumber: null,
  atenaNumber: '000123456',
  nonDisclosure: false,
  ...over,
});

/**
 * An office with two teams: caseworkers A (team 1) and B (team 2), supervisor S of team 1, and one household
 * for each caseworker with a member holding a 個人番号 and a case note. Written directly (setup, not under test).
 */
export async function seedOffice(store: DataStore) {
  const ids = { cwA: uuidv7(), cwB: uuidv7(), sv1: uuidv7(), admin: uuidv7(), auditor: uuidv7(), manager: uuidv7() };
  const base = { officeId: 'office-1', status: 'active' as const, hlc: store.clock.stamp() };
  await store.db.users.bulkPut([
    { ...base, id: ids.cwA, teamId: 'team-1', role: 'caseworker', name: '担当A' },
    { ...base, id: ids.cwB, teamId: 'team-2', role: 'caseworker', name: '担当B' },
    { ...base, id: ids.sv1, teamId: 'team-1', role: 'supervisor', name: '査察S' },
  ]);
  const hA = { ...household(ids.cwA), hlc: store.clock.stamp() };
  const hB = { ...household(ids.cwB, { address: '埼玉県加須市北下新井1番地' }), hlc: store.clock.stamp() };
  const mA = { ...member(hA.id, { myNumber: VALID_MY_NUMBER }), hlc: store.clock.stamp() };
  const mB = { ...member(hB.id, { name: '佐藤 花子', kana: 'サトウ ハナコ', sex: 'female', myNumber: VALID_MY_NUMBER }), hlc: store.clock.stamp() };
  await store.db.households.bulkPut([hA, hB]);
  await store.db.members.bulkPut([mA, mB]);
  // Written past the repositories, so their search tokens are computed here as the write path would.
  await refreshSearchTokens(store.db, store, [hA.id, hB.id]);
  const note = (householdId: string, authorId: string) => ({
    id: uuidv7(),
    householdId,
    authorId,
    recordedOn: '2026-11-20',
    kind: 'visit' as const,
    body: '家庭訪問。長男の就労について相談あり。',
    hlc: store.clock.stamp(),
  });
  const [noteA, noteB] = [note(hA.id, ids.cwA), note(hB.id, ids.cwB)];
  await store.db.caseRecords.bulkPut([noteA, noteB]);
  return { ids, hA, hB, mA, mB, noteA, noteB };
}

/**
 * An approved 開始 (生活扶助・医療扶助) from `effectiveOn`, written directly (setup, not under test): what the
 * approval chain leaves, so that 医療扶助 is in force for tickets.
 */
export async function medicalAidFrom(store: DataStore, householdId: string, effectiveOn: string, drafter: string) {
  const decision = {
    id: uuidv7(),
    householdId,
    applicationId: null,
    kind: 'start' as const,
    stage: 'approved' as const,
    draftedBy: drafter,
    history: [],
    effectiveOn,
    supersedes: null,
    calculationId: null,
    aids: ['living' as const, 'medical' as const],
    reasons: '開始',
    hlc: store.clock.stamp(),
  };
  await store.db.decisions.put(decision);
  return decision;
}
