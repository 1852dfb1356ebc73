import type { DeviceProfile } from '../../../shared/auth/roles.js';
import type { Device, Household, Member } from '../../../shared/domain/records.js';
import type { Session } from '../../../shared/domain/staff.js';
import type { BundleHeader, DevicePayload, HubPayload } from '../../../shared/sync/bundleFormat.js';
import { assertSession, assertTableAccess, tableLabels } from '../access.js';
import type { DataStore } from '../db.js';
import { AccessDeniedError, IntegrityError, InvalidRecordError, isDamaged } from '../errors.js';
import { writeTransaction } from '../outbox.js';
import type { SyncConflict, SyncPeer, SyncQuarantineEntry } from '../schema.js';
import { applyHubBundle } from '../sync/deviceApply.js';
import { compareDigests, scopeDigest, type DigestComparison } from '../sync/digest.js';
import { listConflicts, resolveConflict } from '../sync/conflicts.js';
import { applyDeviceBundle } from '../sync/hubMerge.js';
import { assignQuarantined, holdRefusedFile, listQuarantine, releaseHeldBundle } from '../sync/quarantine.js';
import { buildDevicePayload } from '../sync/outgoing.js';
import { emptyPeer, buildHubPayload, hubPayloadCounts, recordHubBundleSent } from '../sync/returnBundle.js';

/** What enrolment made in main (the file, the device's keys) and the administrator chose, for the registry row. */
export interface Enrolment {
  deviceId: string;
  name: string;
  profile: Exclude<DeviceProfile, 'hub'>;
  signPublicKey: string;
  boxPublicKey: string;
  userIds: string[];
  caseloadUserIds: string[];
  enrolledAt: string;
}

export const MAX_REVOCATION_REASON = 500;

/** The office's directory: written on the hub only (the device registry, staff, the office); a device holds copies. */
const directoryTables = new Set(['offices', 'users', 'devices']);

/** A bundle ready for main to seal and write: its seq is the next after the last one written to that peer. */
export interface OutgoingBundle {
  seq: number;
  payload: DevicePayload | HubPayload;
  hlcFrom: string | null;
  hlcTo: string | null;
  counts: Record<string, number>;
}

/**
 * What applying one bundle did, either way: 反映 (applied), 重複 (already applied, nothing changed), 待機 (a gap before
 * it: left unapplied until the missing one comes), 保留 (refused whole and kept with the reason). `digest` compares the
 * two sides' content of the scope; its `differing` are ケース番号 (a household this side does not hold: its id).
 */
export type ApplyOutcome =
  | { status: 'applied'; reason: null; rows: number; conflicts: number; skewMs: number | null; digest: DigestComparison }
  | { status: 'duplicate' | 'waiting' | 'quarantined'; reason: string; rows: 0; conflicts: 0 };

/** One side of a conflict as the SV reads it: the device's name, who wrote it (when known) and when (from its HLC). */
export interface ConflictSideLine {
  device: string;
  actor: string | null;
  at: string;
}

/** An open conflict with what names it: the case, the record (a member's name, 世帯, 訪問計画), both sides. */
export interface ConflictLine {
  conflict: SyncConflict;
  caseNumber: string | null;
  table: string;
  record: string;
  kept: ConflictSideLine;
  incoming: ConflictSideLine;
}

/** A quarantined bundle with its sender's name and, once assigned, the case's number. */
export interface QuarantineLine {
  entry: SyncQuarantineEntry;
  sender: string;
  caseNumber: string | null;
}

export interface DeviceEntry {
  device: Device;
  peer: SyncPeer | null;
}

export interface SyncStatus {
  lastSentAt: string | null;
  lastAppliedAt: string | null;
  unsent: number;
}

/**
 * The sync entry points of the data layer: the hub's device registry (the `devices` table), and the session checks
 * in front of the merge and return code in ../sync/. Enrolling and revoking are the administrator's, on the hub.
 */
export function syncRepository(store: DataStore) {
  const assertHubAdmin = (session: Session, what: string) => {
    assertTableAccess(store, session, 'devices', 'write');
    if (store.device.profile !== 'hub') throw new AccessDeniedError(`${what}はハブ端末でだけ行えます`);
  };
  const peerOf = async (id: string): Promise<SyncPeer | null> => {
    const peer = await store.db.syncPeers.get(id);
    if (isDamaged(peer)) throw new IntegrityError('syncPeers', id);
    return peer ?? null;
  };
  /** A digest comparison as people read it: the differing households by ケース番号. */
  const withCaseNumbers = async (digest: DigestComparison): Promise<DigestComparison> => {
    if (digest.differing.length === 0) return digest;
    const rows = await store.db.households.bulkGet(digest.differing);
    return { ...digest, differing: digest.differing.map((id, i) => (rows[i] && !isDamaged(rows[i]) ? (rows[i] as Household).caseNumber : id)) };
  };
  /** Names for the work lists: devices (the hub itself included), staff, and the households' case numbers. */
  const namesOf = async (householdIds: readonly string[]) => {
    const { db } = store;
    const [devices, users, households] = await Promise.all([db.devices.toArray(), db.users.toArray(), db.households.bulkGet([...new Set(householdIds)])]);
    const deviceNames = new Map(devices.flatMap((d) => (isDamaged(d) ? [] : [[d.id, d.name] as const])));
    deviceNames.set(store.device.id, 'ハブ端末');
    const userNames = new Map(users.flatMap((u) => (isDamaged(u) ? [] : [[u.id, u.name] as const])));
    const caseNumbers = new Map(households.flatMap((h) => (h && !isDamaged(h) ? [[h.id, h.caseNumber] as const] : [])));
    return {
      device: (id: string) => deviceNames.get(id) ?? `登録簿にない端末（${id}）`,
      user: (id: string | null) => (id ? (userNames.get(id) ?? null) : null),
      caseNumber: (id: string | null) => (id ? (caseNumbers.get(id) ?? null) : null),
    };
  };

  /** The hub's content of a device's scope (the households of its caseloads) as that device's profile holds it. */
  const hubDigestFor = async (device: Device) => {
    const caseloads = new Set(device.caseloadUserIds);
    const rows =
      caseloads.size > 0
        ? await store.db.households
            .where('assignedTo')
            .anyOf([...caseloads])
            .toArray()
        : [];
    const ids = rows.filter((row): row is Household => !isDamaged(row) && row.assignedTo !== null && caseloads.has(row.assignedTo)).map((row) => row.id);
    return scopeDigest(store, device.profile, ids);
  };
  const compareWithHub = async (device: Device, peer: SyncPeer | null): Promise<DigestComparison | null> =>
    peer?.digest ? withCaseNumbers(compareDigests(await hubDigestFor(device), peer.digest)) : null;
  /** The registry, oldest enrolment first, each device with what this hub knows of its sync (null: never synced). */
  const listDevices = async (session: Session): Promise<DeviceEntry[]> => {
    assertTableAccess(store, session, 'devices', 'read');
    const { db } = store;
    return db.transaction('r', [db.devices, db.syncPeers], async () => {
      const rows = (await db.devices.toArray()).filter((row): row is Device => !isDamaged(row));
      const peers = await db.syncPeers.bulkGet(rows.map((row) => row.id));
      return rows
        .map((device, i) => {
          const peer = peers[i];
          return { device, peer: peer && !isDamaged(peer) ? peer : null };
        })
        .sort((a, b) => a.device.enrolledAt.localeCompare(b.device.enrolledAt));
    });
  };
  const stored = async (id: string): Promise<Device> => {
    const row = await store.db.devices.get(id);
    if (!row || isDamaged(row)) throw new InvalidRecordError('deviceId', '端末が登録簿にありません');
    return row;
  };

  return {
    devices: listDevices,

    /** The registry row of a device main has just written an enrolment file for; audited as a created 端末. */
    async enrol(session: Session, officeId: string, enrolment: Enrolment): Promise<Device> {
      assertHubAdmin(session, '端末の登録');
      if (enrolment.userIds.length === 0) throw new InvalidRecordError('userIds', '端末を使う利用者を1人以上選んでください');
      const { deviceId, enrolledAt, ...rest } = enrolment;
      return writeTransaction(store, ['devices'], async (writer) => {
        if (await store.db.devices.get(deviceId)) throw new InvalidRecordError('deviceId', 'この端末IDはすでに登録されています');
        const row = await writer.put(
          'devices',
          { id: deviceId, officeId, status: 'active', enrolledBy: session.userId, enrolledAt, revoked: null, ...rest },
          { fresh: true },
        );
        writer.audit(session.userId, { kind: 'create', detail: { table: 'devices', recordId: deviceId, householdId: null, fields: Object.keys(rest) } });
        return row;
      });
    },

    /**
     * A lost or retired device: from now on its bundles are refused (the registry says revoked when the hub reads the
     * folder). Who and why stay in the row; the audit log names the administrator and the change.
     */
    async revoke(session: Session, deviceId: string, reason: string): Promise<Device> {
      assertHubAdmin(session, '端末の失効');
      const why = reason.trim();
      if (why === '') throw new InvalidRecordError('reason', '失効の理由を入力してください');
      if (why.length > MAX_REVOCATION_REASON) throw new InvalidRecordError('reason', `失効の理由は${MAX_REVOCATION_REASON}文字以内で入力してください`);
      return writeTransaction(store, ['devices'], async (writer) => {
        const before = await stored(deviceId);
        if (before.status === 'revoked') throw new InvalidRecordError('deviceId', 'この端末はすでに失効しています');
        const { hlc: _, ...row } = before;
        const saved = await writer.put(
          'devices',
          { ...row, status: 'revoked', revoked: { by: session.userId, at: new Date(store.now()).toISOString(), reason: why } },
          { previous: before },
        );
        writer.audit(session.userId, { kind: 'update', detail: { table: 'devices', recordId: deviceId, householdId: null, fields: ['status', 'revoked'] } });
        return saved;
      });
    },

    /** Which caseloads a device carries (its scope from the next return bundle on: cases that leave it are erased there). */
    async setCaseloads(session: Session, deviceId: string, caseloadUserIds: readonly string[]): Promise<Device> {
      assertHubAdmin(session, '端末の担当の変更');
      return writeTransaction(store, ['devices'], async (writer) => {
        const before = await stored(deviceId);
        if (before.status === 'revoked') throw new InvalidRecordError('deviceId', '失効した端末の担当は変更できません');
        const { hlc: _, ...row } = before;
        const saved = await writer.put('devices', { ...row, caseloadUserIds: [...new Set(caseloadUserIds)] }, { previous: before });
        writer.audit(session.userId, { kind: 'update', detail: { table: 'devices', recordId: deviceId, householdId: null, fields: ['caseloadUserIds'] } });
        return saved;
      });
    },

    /**
     * The shell's 最終同期: when this device last wrote a bundle and last applied one (on the hub, over all devices),
     * and how many changed rows wait for the hub's acknowledgement (a device's pending `hub` outbox entries; every
     * bundle carries them again until then).
     */
    async status(session: Session): Promise<SyncStatus> {
      assertSession(store, session);
      const { db } = store;
      return db.transaction('r', [db.syncPeers, db.outbox], async () => {
        const peers = (await db.syncPeers.toArray()).filter((peer): peer is SyncPeer => !isDamaged(peer));
        const latest = (times: (string | null)[]) => times.reduce<string | null>((a, b) => (b !== null && (a === null || b > a) ? b : a), null);
        const unsent = store.device.profile === 'hub' ? 0 : await db.outbox.where('[stream+seq]').between(['hub', 0], ['hub', Infinity]).count();
        return { lastSentAt: latest(peers.map((p) => p.lastSentAt)), lastAppliedAt: latest(peers.map((p) => p.lastAppliedAt)), unsent };
      });
    },
    /** What this device knows of a peer (a device: the hub; the hub: a device); null before the first sync. */
    async peer(session: Session, peerId: string): Promise<SyncPeer | null> {
      assertSession(store, session);
      return peerOf(peerId);
    },

    /** A device applies one hub bundle (../sync/deviceApply.ts). */
    async applyHubBundle(session: Session, bundle: { header: BundleHeader; payload: HubPayload }): Promise<ApplyOutcome> {
      const result = await applyHubBundle(store, session, bundle);
      if (result.status !== 'applied')
        return { status: result.status === 'refused' ? 'quarantined' : result.status, reason: result.message, rows: 0, conflicts: 0 };
      return { status: 'applied', reason: null, rows: result.rows + result.deleted, conflicts: 0, skewMs: null, digest: await withCaseNumbers(result.digest) };
    },

    /**
     * The hub imports one device bundle (../sync/hubMerge.ts); once applied, the device's digest (its content when it
     * wrote the bundle) is compared with the hub's content of its scope now.
     */
    async applyDeviceBundle(session: Session, sender: Device, bundle: { header: BundleHeader; payload: DevicePayload }): Promise<ApplyOutcome> {
      const report = await applyDeviceBundle(store, session, { ...bundle, sender });
      if (report.status !== 'applied') return { status: report.status, reason: report.message, rows: 0, conflicts: 0 };
      const { inserted, updated, deleted } = report.rows;
      const digest = withCaseNumbers(compareDigests(await hubDigestFor(sender), bundle.payload.digest));
      return { status: 'applied', reason: null, rows: inserted + updated + deleted, conflicts: report.conflicts, skewMs: report.skewMs, digest: await digest };
    },

    /** The registry for 管理 › 端末: each device with its sync state, its held bundles and its digest against the hub now. */
    async deviceLines(session: Session): Promise<(DeviceEntry & { held: number; digest: DigestComparison | null })[]> {
      const entries = await listDevices(session);
      const quarantined = (await store.db.syncQuarantine.where('status').equals('held').toArray()).filter((row) => !isDamaged(row));
      return Promise.all(
        entries.map(async (entry) => ({
          ...entry,
          held: quarantined.filter((row) => !isDamaged(row) && row.sender === entry.device.id).length,
          digest: await compareWithHub(entry.device, entry.peer),
        })),
      );
    },

    /** 同期の競合: the open conflicts of the session's scope, oldest first (../sync/conflicts.ts), each named for the SV. */
    async conflicts(session: Session): Promise<ConflictLine[]> {
      const open = await listConflicts(store, session);
      const names = await namesOf(open.flatMap((c) => (c.householdId ? [c.householdId] : [])));
      const members = await store.db.members.bulkGet(open.map((c) => (c.table === 'members' ? c.rowId : '')));
      const side = (s: SyncConflict['kept']): ConflictSideLine => ({ device: names.device(s.deviceId), actor: names.user(s.actor), at: s.hlc.slice(0, 24) });
      return open.map((conflict, i) => {
        const member = members[i];
        return {
          conflict,
          caseNumber: names.caseNumber(conflict.householdId),
          table: tableLabels[conflict.table] ?? conflict.table,
          record: member && !isDamaged(member) ? (member as Member).name : (tableLabels[conflict.table] ?? conflict.table),
          kept: side(conflict.kept),
          incoming: side(conflict.incoming),
        };
      });
    },

    /** The SV's choice, itself a recorded change (../sync/conflicts.ts). */
    resolveConflict: (session: Session, conflictId: string, choice: 'kept' | 'incoming') => resolveConflict(store, session, conflictId, choice),

    /** 同期の保留: what the hub holds, newest first (../sync/quarantine.ts), with the sender's name. */
    async quarantine(session: Session): Promise<QuarantineLine[]> {
      const rows = (await listQuarantine(store, session)).filter((row): row is SyncQuarantineEntry => !isDamaged(row));
      const names = await namesOf(rows.flatMap((row) => (row.householdId ? [row.householdId] : [])));
      return rows.map((entry) => ({ entry, sender: names.device(entry.sender), caseNumber: names.caseNumber(entry.householdId) }));
    },

    /** A held bundle applied after a fix (checked again whole; still refused, it stays held and says why). */
    async release(session: Session, entryId: string): Promise<void> {
      await releaseHeldBundle(store, session, entryId);
    },

    /** A held bundle handed to a case by its ケース番号. */
    async assign(session: Session, entryId: string, caseNumber: string): Promise<void> {
      await assignQuarantined(store, session, entryId, caseNumber);
    },

    /** A file main refused (signature, office, recipient, a revoked sender, a changed byte): listed in 同期の保留 (../sync/quarantine.ts). */
    holdRefused: (session: Session, refused: { file: string; header: BundleHeader | null; reason: string }) => holdRefusedFile(store, session, refused),

    /** A device's next bundle to the hub: everything the hub has not acknowledged (../sync/outgoing.ts). */
    async buildDeviceBundle(session: Session, hubId: string): Promise<OutgoingBundle> {
      const peer = await peerOf(hubId);
      const built = await buildDevicePayload(store, session, peer ?? undefined);
      // The office's directory rows a device writes for itself (its user's own staff row at unlock, before the first
      // checkout brought the hub's) are the hub's to change: not sent, or the hub would hold the whole bundle. Their
      // outbox entries are covered by `outboxThrough` all the same, so the hub's acknowledgement drops them here.
      const changes = built.payload.changes.filter((change) => !directoryTables.has(change.table));
      if (changes.length === built.payload.changes.length) return { seq: (peer?.sentSeq ?? 0) + 1, ...built };
      const counts = { ...built.counts };
      for (const table of directoryTables) delete counts[table];
      return {
        seq: (peer?.sentSeq ?? 0) + 1,
        payload: { ...built.payload, changes },
        hlcFrom: changes[0]?.hlc ?? null,
        hlcTo: changes.at(-1)?.hlc ?? null,
        counts,
      };
    },

    /** The hub's return bundle for one enrolled device (../sync/returnBundle.ts). */
    async buildReturn(session: Session, device: Device): Promise<OutgoingBundle> {
      const peer = await peerOf(device.id);
      const { payload } = await buildHubPayload(store, session, device, peer);
      return { seq: (peer?.sentSeq ?? 0) + 1, payload, hlcFrom: payload.since, hlcTo: payload.through, counts: hubPayloadCounts(payload) };
    },

    /**
     * Main has written the bundle (renamed into the folder): the next one to this peer takes the next seq. Were this
     * not recorded (the window closed between), the next run writes the same seq again under the same name, carrying
     * everything this one did and more; the receiver applies a seq once.
     */
    async markSent(session: Session, peerId: string, bundle: OutgoingBundle): Promise<void> {
      if (bundle.payload.kind === 'hub') return recordHubBundleSent(store, session, peerId, bundle.seq, bundle.payload);
      assertSession(store, session);
      const { db } = store;
      await db.transaction('rw', db.syncPeers, async () => {
        const peer = (await peerOf(peerId)) ?? emptyPeer(peerId);
        await db.syncPeers.put({ ...peer, sentSeq: Math.max(peer.sentSeq, bundle.seq), lastSentAt: new Date(store.now()).toISOString() });
      });
    },
  };
}
