import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import type { Member } from '../../shared/domain/records.js';
import type { Session } from '../../shared/domain/staff.js';
import { uuidv7 } from '../../shared/ids/uuidv7.js';
import type { SeihoApi } from '../../shared/ipc/api.js';
import type { RequestOf } from '../../shared/ipc/contract.js';
import { SYNC_FORMAT, SYNC_FORMAT_VERSION, type BundleHeader, type SyncPayload } from '../../shared/sync/bundleFormat.js';
import type { DataStore } from '../../renderer/data/db.js';
import { createServices } from '../../renderer/services/index.js';
import type { HubReport, SyncStep } from '../../renderer/services/sync.js';
import { openTestStore, seedOffice, session, VALID_MY_NUMBER } from '../unit/data/fixtures.js';

/**
 * The sync workflows (renderer/services/sync.ts) between a hub and a field laptop, each a real store (fake-indexeddb,
 * the real data layer, real libsodium digests). Main's side is the contract as the services see it, over one
 * in-memory folder: it hands over what was written for a device in (sender, seq) order, skips what the caller says is
 * applied and refuses a revoked sender's bundle, as main does after its own checks (tested in test/unit/sync).
 */

type Entry = { header: BundleHeader; payload: SyncPayload };
const ok = <T,>(value: T) => ({ ok: true as const, value });
const key = () => Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64');

function folderApi(folder: Map<string, Entry>, me: { id: string; profile: 'hub' | 'field'; hubId: string | null }) {
  const api = {
    syncIdentity: async () =>
      ok({
        deviceId: me.id,
        profile: me.profile,
        officeId: 'office-1',
        hubDeviceId: me.hubId,
        syncFolder: '/共有/同期',
        signPublicKey: key(),
        boxPublicKey: key(),
      }),
    syncEnrol: async (request: RequestOf<'syncEnrol'>) =>
      ok({
        deviceId: uuidv7(),
        file: `${request.name}.seihoenrol`,
        code: 'ABCD-EFGH-JKMN-PQRS',
        signPublicKey: key(),
        boxPublicKey: key(),
        createdAt: new Date().toISOString(),
      }),
    syncWriteBundle: async (request: RequestOf<'syncWriteBundle'>) => {
      const header: BundleHeader = {
        format: SYNC_FORMAT,
        version: SYNC_FORMAT_VERSION,
        officeId: 'office-1',
        sender: me.id,
        recipient: request.recipient,
        seq: request.seq,
        createdAt: new Date().toISOString(),
        hlcFrom: request.hlcFrom,
        hlcTo: request.hlcTo,
        counts: request.counts,
        compression: 'gzip',
      };
      const file = `${me.id}__${request.recipient}__${String(request.seq).padStart(8, '0')}.seihosync`;
      // Through JSON, as a file would carry it: nothing shared by reference between the two stores.
      folder.set(file, JSON.parse(JSON.stringify({ header, payload: request.payload })));
      return ok({ file, bytes: 1, header });
    },
    syncReadBundles: async (request: RequestOf<'syncReadBundles'>) => {
      const revoked = new Set((request.senders ?? []).filter((s) => s.revoked).map((s) => s.deviceId));
      const bundles = [...folder]
        .filter(([, e]) => e.header.recipient === me.id && e.header.seq > (request.skipThrough?.[e.header.sender] ?? 0))
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([file, e]) =>
          revoked.has(e.header.sender)
            ? { file, header: e.header, refused: { code: 'REVOKED', message: '失効した端末からの同期ファイルです' } }
            : { file, header: e.header, payload: JSON.parse(JSON.stringify(e.payload)) as SyncPayload },
        );
      return ok({ bundles });
    },
  };
  return api as unknown as SeihoApi;
}

const servicesOn = (store: DataStore, s: Session, api: SeihoApi) => createServices({ store, session: s, api, officeId: 'office-1' });

async function hubAndLaptop() {
  const folder = new Map<string, Entry>();
  const hub = await openTestStore('hub');
  const seeded = await seedOffice(hub.store);
  const hubApi = folderApi(folder, { id: hub.store.device.id, profile: 'hub', hubId: null });
  const admin = servicesOn(hub.store, session('systemAdmin', seeded.ids.admin, null, 'hub'), hubApi);
  const enrolled = await admin.syncDevices.enrol({ name: '訪問用PC 1', profile: 'field', userIds: [seeded.ids.cwA], caseloadUserIds: [seeded.ids.cwA] });
  const laptop = await openTestStore('field', { device: { id: enrolled.device.id, profile: 'field' } });
  const laptopApi = folderApi(folder, { id: laptop.store.device.id, profile: 'field', hubId: hub.store.device.id });
  const onLaptop = session('caseworker', seeded.ids.cwA, 'team-1', 'field');
  // As at unlock (session/unlock.ts): the user's own staff row, written on the laptop before any checkout.
  await laptop.repos.staff.syncSelf(onLaptop, 'office-1', { displayName: '担当A', role: 'caseworker', teamId: 'team-1' });
  const caseworker = servicesOn(laptop.store, onLaptop, laptopApi);
  const hubCaseworker = servicesOn(hub.store, session('caseworker', seeded.ids.cwA, 'team-1', 'hub'), hubApi);
  const supervisor = servicesOn(hub.store, session('supervisor', seeded.ids.sv1, 'team-1', 'hub'), hubApi);
  return { folder, hub, laptop, seeded, enrolled, admin, caseworker, hubCaseworker, supervisor };
}

const lineOf = (report: HubReport, deviceId: string) => report.devices.find((d) => d.device.id === deviceId)!;
const kanaChange = (member: Member, kana: string) => {
  const { id: _, householdId: __, hlc: ___, myNumber: ____, identityVerification: _____, payeeAccount: ______, ...values } = member;
  return { ...values, kana };
};

describe('sync between the hub and a field laptop, through the services', () => {
  test('enrol, first checkout without 個人番号, an offline note back to the hub, a conflict for the SV, then 一致', async () => {
    const t = await hubAndLaptop();
    const { hA, mA } = t.seeded;
    expect((await t.admin.syncDevices.list()).map((d) => [d.device.name, d.device.status, d.peer])).toEqual([['訪問用PC 1', 'active', null]]);

    const steps: SyncStep[] = [];
    const first = await t.admin.sync.importAndReturn((step) => steps.push(step));
    expect(steps[0]).toBe('reading');
    expect(steps.at(-1)).toBe('writing');
    expect(lineOf(first, t.enrolled.device.id)).toMatchObject({ bundles: [], returned: { seq: 1 }, returnProblem: null });

    const checkout = await t.caseworker.sync.syncNow();
    expect(checkout.received.map((l) => [l.seq, l.status])).toEqual([[1, 'applied']]);
    expect(checkout.digest?.state).toBe('一致');
    expect(checkout.sent.seq).toBe(1);
    // Only the caseworker's own case came, and its member without the number.
    expect(await t.laptop.store.db.households.toCollection().primaryKeys()).toEqual([hA.id]);
    const onLaptop = (await t.laptop.store.db.members.get(mA.id)) as Member;
    expect(onLaptop.myNumber).toBeNull();
    expect(JSON.stringify([...t.folder.values()].filter((e) => e.header.recipient === t.laptop.store.device.id))).not.toContain(VALID_MY_NUMBER);

    // Offline on the laptop: a note and the head's kana; on the hub, the same kana to another value.
    await t.caseworker.caseRecords.record(hA.id, { kind: 'visit', recordedOn: '2026-11-21', body: '台所の換気扇の故障を確認した' });
    await t.caseworker.memberEditing.save(hA.id, mA.id, kanaChange(onLaptop, 'ヤマダ タロヲ'));
    expect((await t.caseworker.sync.status())?.unsent).toBeGreaterThanOrEqual(2);
    await t.caseworker.sync.syncNow();
    await t.hubCaseworker.memberEditing.save(hA.id, mA.id, kanaChange((await t.hub.store.db.members.get(mA.id)) as Member, 'ヤマダ タロー'));

    const merged = lineOf(await t.admin.sync.importAndReturn(), t.enrolled.device.id);
    expect(merged.bundles.map((b) => [b.seq, b.status, b.conflicts])).toEqual([
      [1, 'applied', 0],
      [2, 'applied', 1],
    ]);
    expect(merged.returned?.seq).toBe(2);
    const notes = await t.hubCaseworker.caseRecords.list(hA.id);
    expect(notes.map((n) => ('body' in n ? n.body : ''))).toContain('台所の換気扇の故障を確認した');

    const [conflict] = await t.supervisor.syncConflicts.list();
    expect(conflict).toMatchObject({ caseNumber: hA.caseNumber, record: '山田 太郎', conflict: { field: 'kana' } });
    expect([conflict!.conflict.kept.value, conflict!.conflict.incoming.value]).toEqual(['ヤマダ タロー', 'ヤマダ タロヲ']);
    expect(conflict!.incoming.device).toBe('訪問用PC 1');
    await t.supervisor.syncConflicts.resolve(conflict!.conflict.id, 'incoming');
    expect(await t.supervisor.syncConflicts.list()).toEqual([]);

    await t.admin.sync.importAndReturn();
    const back = await t.caseworker.sync.syncNow();
    expect(back.received.map((l) => [l.seq, l.status])).toEqual([
      [2, 'applied'],
      [3, 'applied'],
    ]);
    expect(back.digest?.state).toBe('一致');
    expect(((await t.laptop.store.db.members.get(mA.id)) as Member).kana).toBe('ヤマダ タロヲ');
    const agreed = lineOf(await t.admin.sync.importAndReturn(), t.enrolled.device.id);
    expect(agreed.digest).toEqual({ state: '一致', differing: [] });
    const [listed] = await t.admin.syncDevices.list();
    expect(listed!.digest?.state).toBe('一致');
    expect(listed!.peer?.appliedSeq).toBe(3);
  });

  test('a revoked laptop: its next bundle is refused and held with the reason, it gets no return, and the revocation is audited', async () => {
    const t = await hubAndLaptop();
    await t.admin.sync.importAndReturn();
    await t.caseworker.sync.syncNow();
    await expect(t.admin.syncDevices.revoke(t.enrolled.device.id, '  ')).rejects.toThrow('失効の理由を入力してください');
    await t.admin.syncDevices.revoke(t.enrolled.device.id, '訪問中に紛失（警察に届出済み）');
    await expect(t.admin.syncDevices.revoke(t.enrolled.device.id, 'もう一度')).rejects.toThrow('この端末はすでに失効しています');

    const report = await t.admin.sync.importAndReturn();
    const line = lineOf(report, t.enrolled.device.id);
    expect(line.bundles.map((b) => [b.seq, b.status, b.reason])).toEqual([[1, 'refused', '失効した端末からの同期ファイルです']]);
    expect(line.returned).toBeNull();
    const held = await t.admin.syncQuarantine.list();
    // A refused file's header is not trusted: held without a seq of its own (0), by its file.
    expect(held.map((h) => [h.sender, h.entry.seq, h.entry.reason, h.entry.status])).toEqual([['訪問用PC 1', 0, '失効した端末からの同期ファイルです', 'held']]);
    // Read again, the same refused file is not held twice.
    await t.admin.sync.importAndReturn();
    expect(await t.admin.syncQuarantine.list()).toHaveLength(1);
    // A file that was never opened cannot be released, only handed to a case (by its ケース番号) for follow-up.
    await expect(t.admin.syncQuarantine.release(held[0]!.entry.id)).rejects.toThrow('読めなかった同期ファイルは解除できません');
    await expect(t.admin.syncQuarantine.assign(held[0]!.entry.id, 'K-存在しない')).rejects.toThrow('ケース番号 K-存在しない の世帯が見つかりません');
    await t.admin.syncQuarantine.assign(held[0]!.entry.id, t.seeded.hA.caseNumber);
    expect((await t.admin.syncQuarantine.list()).map((h) => [h.entry.status, h.caseNumber])).toEqual([['assigned', t.seeded.hA.caseNumber]]);

    const [device] = await t.admin.syncDevices.list();
    expect(device!.device.revoked).toMatchObject({ by: t.seeded.ids.admin, reason: '訪問中に紛失（警察に届出済み）' });
    const audit = await t.hub.store.db.audit.toArray();
    expect(audit.some((e) => 'detail' in e && e.kind === 'update' && (e.detail as { table?: string }).table === 'devices')).toBe(true);
  });

  test('only the hub’s administrator enrols, revokes and imports; a caseworker on the hub is refused', async () => {
    const t = await hubAndLaptop();
    await expect(t.hubCaseworker.syncDevices.revoke(t.enrolled.device.id, '理由')).rejects.toThrow(/端末を更新できません/);
    await expect(t.hubCaseworker.sync.importAndReturn()).rejects.toThrow();
    await expect(t.caseworker.sync.importAndReturn()).rejects.toThrow('取込みと返送はハブ端末でだけ行えます');
    await expect(t.admin.sync.syncNow()).rejects.toThrow('この端末はハブ端末です。「取込みと返送」を使ってください');
    // A device set up as an office of its own has no one to sync with: no 最終同期 in its header, and 今すぐ同期 says why.
    const alone = await openTestStore('field');
    const standalone = servicesOn(
      alone.store,
      session('caseworker', t.seeded.ids.cwA, 'team-1', 'field'),
      folderApi(t.folder, { id: alone.store.device.id, profile: 'field', hubId: null }),
    );
    expect(await standalone.sync.status()).toBeNull();
    await expect(standalone.sync.syncNow()).rejects.toThrow('この端末はハブ端末で登録されていません');
    expect((await t.admin.sync.status())?.lastSentAt).toBeNull();
  });
});

describe('reassigning what a device carries', () => {
  test('its caseloads moved to another caseworker: the next round erases the old cases on the laptop and brings the new ones, and the hub hears of the erasure', async () => {
    const t = await hubAndLaptop();
    const { hA, hB } = t.seeded;
    await t.admin.sync.importAndReturn();
    await t.caseworker.sync.syncNow();
    expect(await t.laptop.store.db.households.toCollection().primaryKeys()).toEqual([hA.id]);

    await t.admin.syncDevices.setCaseloads(t.enrolled.device.id, [t.seeded.ids.cwB]);
    await t.admin.sync.importAndReturn();
    const moved = await t.caseworker.sync.syncNow();
    expect(moved.received.map((l) => l.status)).toEqual(['applied']);
    expect(await t.laptop.store.db.households.toCollection().primaryKeys()).toEqual([hB.id]);
    expect(await t.laptop.store.db.members.where('householdId').equals(hA.id).count()).toBe(0);

    await t.admin.sync.importAndReturn();
    const [line] = await t.admin.syncDevices.list();
    expect(line!.peer?.erased.map((e) => e.householdId)).toContain(hA.id);
    expect(line!.digest?.state).toBe('一致');
  });
});
