import type { DeviceProfile } from '../../shared/auth/roles';
import type { Device } from '../../shared/domain/records';
import type { ResponseOf } from '../../shared/ipc/contract';
import type { BundleReceipt } from '../../shared/sync/bundleFormat';
import type { ApplyOutcome, DeviceEntry, OutgoingBundle, SyncStatus } from '../data/repos/sync';
import type { DigestComparison } from '../data/sync/digest';
import type { ServiceContext } from './context';
import { MainRefusal, unwrapResult } from './ipcResult';

export type SyncIdentity = ResponseOf<'syncIdentity'>;
type ReadBundle = ResponseOf<'syncReadBundles'>['bundles'][number];

export interface EnrolInput {
  name: string;
  profile: Exclude<DeviceProfile, 'hub'>;
  /** The hub's users who will work on the device. */
  userIds: string[];
  /** The caseworkers whose caseloads it carries. */
  caseloadUserIds: string[];
  /** Where to write the file (removable media); absent, main's default. */
  folder?: string;
}

/** What the administrator takes to the new device: the file, and the code shown once (never stored). */
export interface EnrolOutcome {
  device: Device;
  file: string;
  code: string;
}

/** A device in the registry as 管理 › 端末 shows it. */
export interface DeviceLine extends DeviceEntry {
  /** Bundles of this device held in 同期の保留. */
  held: number;
  /** Its last digest against the hub's content of its scope now; null before its first bundle. */
  digest: DigestComparison | null;
}

/** 反映 · 重複 (already applied: nothing changed) · 待機 (a gap before it: kept, unapplied) · 保留 (quarantined) · 拒否 (the file was refused). */
export type BundleStatus = ApplyOutcome['status'] | 'refused';

export interface BundleLine {
  file: string;
  seq: number | null;
  status: BundleStatus;
  /** Why it waits, was held or refused, in Japanese. */
  reason: string | null;
  rows: number;
  conflicts: number;
}

export interface WrittenLine {
  file: string;
  seq: number;
  rows: number;
}

export interface HubDeviceReport {
  device: Device;
  bundles: BundleLine[];
  /** The return bundle written for it (null: revoked, or the write failed — `returnProblem` says why). */
  returned: WrittenLine | null;
  returnProblem: string | null;
  skewMs: number | null;
  /** The device's digest (sent with its last bundle) against the hub's content of its scope after this import. */
  digest: DigestComparison | null;
}

export interface HubReport {
  devices: HubDeviceReport[];
  /** Files from senders the registry does not know (refused by main), kept for the administrator. */
  unknown: BundleLine[];
}

export interface DeviceReport {
  received: BundleLine[];
  sent: WrittenLine;
  /** This device's content against the hub's digest in the last hub bundle applied. */
  digest: DigestComparison | null;
  /** What the hub said about this device's earlier bundles (a quarantined one says why). */
  receipts: BundleReceipt[];
}

export type SyncStep = 'reading' | 'applying' | 'building' | 'writing';
export type SyncProgress = (step: SyncStep, done: number, total: number) => void;

const rowsIn = (counts: Record<string, number>) => Object.entries(counts).reduce((sum, [key, n]) => (key === 'audit' || key === 'linkage' ? sum : sum + n), 0);

const refusedLine = (bundle: Extract<ReadBundle, { refused: unknown }>): BundleLine => ({
  file: bundle.file,
  seq: bundle.header?.seq ?? null,
  status: 'refused',
  reason: bundle.refused.message,
  rows: 0,
  conflicts: 0,
});

const lineOf = (file: string, seq: number, outcome: ApplyOutcome): BundleLine => ({
  file,
  seq,
  status: outcome.status,
  reason: outcome.reason,
  rows: outcome.rows,
  conflicts: outcome.conflicts,
});

/**
 * Sync (issue 12) as workflows between main's files and this database, so no screen coordinates them.
 *
 * **A device** (`syncNow`): main opens every bundle the hub addressed to it (checked whole: signature, recipient,
 * office, hash); each is applied in seq order, in one transaction each; then this device's bundle — its changes since
 * the hub last acknowledged them, its audit chain, its digest — is built and main seals and writes it. Stopped at any
 * point, the next run repeats nothing applied (the data layer keeps the seqs) and sends the pending changes again.
 *
 * **The hub** (`importAndReturn`): every bundle in the folder, checked by main against the registry's keys (a revoked
 * device's refused), applied per sender in seq order — or held in 同期の保留 with why, or kept waiting behind a gap —
 * then a return bundle for every enrolled, unrevoked device: the changes in its scope since it was last sent them,
 * the receipts, the acknowledgements, the digest.
 */
export function syncServices({ session, repos, api, officeId }: ServiceContext) {
  const sync = repos.sync;
  let running = false;
  // The shell's status line re-reads when a run ends (its data changed under it).
  const listeners = new Set<() => void>();

  const identity = async (): Promise<SyncIdentity> => unwrapResult(await api.syncIdentity({}));
  // Who this device syncs with does not change while the app runs (set-up decides it).
  let known: Promise<SyncIdentity> | null = null;
  const exclusive = async <T>(work: () => Promise<T>): Promise<T> => {
    if (running) throw new MainRefusal('BUSY', '同期の途中です。終わってからもう一度実行してください');
    running = true;
    try {
      return await work();
    } finally {
      running = false;
      for (const listener of listeners) listener();
    }
  };
  const withFolder = async (): Promise<SyncIdentity> => {
    const me = await identity();
    if (!me.syncFolder) throw new MainRefusal('NO_FOLDER', '同期フォルダが設定されていません。設定画面で同期フォルダを指定してください');
    return me;
  };
  const write = async (recipient: string, bundle: OutgoingBundle, recipientBoxPublicKey?: string): Promise<WrittenLine> => {
    const written = unwrapResult(
      await api.syncWriteBundle({
        recipient,
        seq: bundle.seq,
        payload: bundle.payload,
        hlcFrom: bundle.hlcFrom,
        hlcTo: bundle.hlcTo,
        counts: bundle.counts,
        ...(recipientBoxPublicKey ? { recipientBoxPublicKey } : {}),
      }),
    );
    await sync.markSent(session, recipient, bundle);
    return { file: written.file, seq: bundle.seq, rows: rowsIn(bundle.counts) };
  };

  async function syncNow(progress: SyncProgress): Promise<DeviceReport> {
    const me = await withFolder();
    const hub = me.hubDeviceId;
    if (me.profile === 'hub') throw new MainRefusal('NOT_DEVICE', 'この端末はハブ端末です。「取込みと返送」を使ってください');
    if (!hub) throw new MainRefusal('NOT_ENROLLED', 'この端末はハブ端末で登録されていません（登録ファイルから設定した端末だけが同期できます）');
    progress('reading', 0, 1);
    const applied = (await sync.peer(session, hub))?.appliedSeq ?? 0;
    const { bundles } = unwrapResult(await api.syncReadBundles({ skipThrough: { [hub]: applied } }));
    const received: BundleLine[] = [];
    let digest: DigestComparison | null = null;
    const receipts: BundleReceipt[] = [];
    for (const [i, bundle] of bundles.entries()) {
      progress('applying', i, bundles.length);
      if ('refused' in bundle) {
        received.push(refusedLine(bundle));
        continue;
      }
      if (bundle.payload.kind !== 'hub' || bundle.header.sender !== hub) {
        received.push({
          file: bundle.file,
          seq: bundle.header.seq,
          status: 'refused',
          reason: 'ハブ以外から届いた同期バンドルは取り込みません',
          rows: 0,
          conflicts: 0,
        });
        continue;
      }
      const outcome = await sync.applyHubBundle(session, { header: bundle.header, payload: bundle.payload });
      received.push(lineOf(bundle.file, bundle.header.seq, outcome));
      if (outcome.status === 'applied') {
        digest = outcome.digest;
        receipts.push(...bundle.payload.receipts);
      }
    }
    progress('building', 0, 1);
    const outgoing = await sync.buildDeviceBundle(session, hub);
    progress('writing', 0, 1);
    const sent = await write(hub, outgoing);
    return { received, sent, digest, receipts };
  }

  async function importAndReturn(progress: SyncProgress): Promise<HubReport> {
    const me = await withFolder();
    if (me.profile !== 'hub') throw new MainRefusal('NOT_HUB', '取込みと返送はハブ端末でだけ行えます');
    progress('reading', 0, 1);
    const registry = await sync.devices(session);
    const { bundles } = unwrapResult(
      await api.syncReadBundles({
        senders: registry.map(({ device }) => ({ deviceId: device.id, signPublicKey: device.signPublicKey, revoked: device.status === 'revoked' })),
        skipThrough: Object.fromEntries(registry.map(({ device, peer }) => [device.id, peer?.appliedSeq ?? 0])),
      }),
    );
    const reports = new Map(
      registry.map(({ device }): [string, HubDeviceReport] => [
        device.id,
        { device, bundles: [], returned: null, returnProblem: null, skewMs: null, digest: null },
      ]),
    );
    const unknown: BundleLine[] = [];
    for (const [i, bundle] of bundles.entries()) {
      progress('applying', i, bundles.length);
      const report = bundle.header ? reports.get(bundle.header.sender) : undefined;
      if ('refused' in bundle) {
        // Main copied the file to sync-quarantine; the list shows it with the reason until the administrator deals with it.
        await sync.holdRefused(session, { file: bundle.file, header: bundle.header, reason: bundle.refused.message });
        (report?.bundles ?? unknown).push(refusedLine(bundle));
        continue;
      }
      if (!report || bundle.payload.kind !== 'device') {
        await sync.holdRefused(session, { file: bundle.file, header: bundle.header, reason: 'ハブ宛ての端末の同期バンドルではありません' });
        unknown.push({
          file: bundle.file,
          seq: bundle.header.seq,
          status: 'refused',
          reason: 'ハブ宛ての端末の同期バンドルではありません',
          rows: 0,
          conflicts: 0,
        });
        continue;
      }
      const outcome = await sync.applyDeviceBundle(session, report.device, { header: bundle.header, payload: bundle.payload });
      report.bundles.push(lineOf(bundle.file, bundle.header.seq, outcome));
      if (outcome.status === 'applied') {
        report.skewMs = outcome.skewMs;
        report.digest = outcome.digest;
      }
    }
    const active = [...reports.values()].filter((r) => r.device.status === 'active');
    for (const [i, report] of active.entries()) {
      progress('writing', i, active.length);
      try {
        const outgoing = await sync.buildReturn(session, report.device);
        report.returned = await write(report.device.id, outgoing, report.device.boxPublicKey);
      } catch (error) {
        // One device's return failing does not keep the others from theirs; the next run builds it again.
        report.returnProblem = error instanceof Error ? error.message : String(error);
      }
    }
    return { devices: [...reports.values()], unknown };
  }

  return {
    sync: {
      identity,
      /** The shell's 最終同期 and 未送信; null on a device that has no one to sync with (set up as an office of its own). */
      async status(): Promise<SyncStatus | null> {
        known ??= identity();
        const me = await known.catch((error: unknown) => {
          known = null;
          throw error;
        });
        return me.profile === 'hub' || me.hubDeviceId ? sync.status(session) : null;
      },
      /** Hears the end of every sync run until the returned function is called. */
      subscribe(listener: () => void): () => void {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      /** A device: apply what the hub sent, then send what changed here. */
      syncNow: (progress: SyncProgress = () => undefined) => exclusive(() => syncNow(progress)),
      /** The hub: import every device's bundles, then write each enrolled device its return bundle. */
      importAndReturn: (progress: SyncProgress = () => undefined) => exclusive(() => importAndReturn(progress)),
    },
    syncDevices: {
      async list(): Promise<DeviceLine[]> {
        return sync.deviceLines(session);
      },
      /**
       * Main writes the enrolment file (the device's key pairs inside, sealed under the code), then the registry
       * row is written. Were the row refused after the file, the file is useless without a row: the hub refuses every
       * bundle of a device it does not list, so the administrator enrols again and discards the file.
       */
      async enrol(input: EnrolInput): Promise<EnrolOutcome> {
        const written = unwrapResult(
          await api.syncEnrol({
            profile: input.profile,
            name: input.name,
            userIds: input.userIds,
            caseloadUserIds: input.caseloadUserIds,
            ...(input.folder ? { folder: input.folder } : {}),
          }),
        );
        try {
          const device = await sync.enrol(session, officeId, {
            deviceId: written.deviceId,
            name: input.name.trim(),
            profile: input.profile,
            signPublicKey: written.signPublicKey,
            boxPublicKey: written.boxPublicKey,
            userIds: input.userIds,
            caseloadUserIds: input.caseloadUserIds,
            enrolledAt: written.createdAt,
          });
          return { device, file: written.file, code: written.code };
        } catch (error) {
          throw new MainRefusal(
            'REGISTRY',
            `登録ファイル（${written.file}）は書き出しましたが、端末の登録簿に記録できませんでした: ${error instanceof Error ? error.message : String(error)}。このファイルは使わずに破棄し、もう一度登録してください`,
          );
        }
      },
      revoke: (deviceId: string, reason: string) => sync.revoke(session, deviceId, reason),
      setCaseloads: (deviceId: string, caseloadUserIds: string[]) => sync.setCaseloads(session, deviceId, caseloadUserIds),
    },
    syncConflicts: {
      list: () => sync.conflicts(session),
      resolve: (conflictId: string, choice: 'kept' | 'incoming') => sync.resolveConflict(session, conflictId, choice),
    },
    syncQuarantine: {
      list: () => sync.quarantine(session),
      release: (entryId: string) => sync.release(session, entryId),
      /** Hands a held bundle to a case (by its ケース番号) for its caseworker to take up. */
      assign: (entryId: string, caseNumber: string) => sync.assign(session, entryId, caseNumber),
    },
  };
}
