import type { StaffProfile } from '../../shared/auth/roles';
import type { ResponseOf } from '../../shared/ipc/contract';
import { generateTrainingHouseholds } from '../../shared/training/trainingHouseholds';
import { exportDatabaseForBackup } from '../data/backupExport';
import type { ServiceContext } from './context';
import { MainRefusal, unwrapResult } from './ipcResult';
import { rotationRunnerOf } from './keyRotation';

export type VaultUser = ResponseOf<'usersList'>['users'][number];

/** Households a training run writes per transaction: each batch is whole or absent, and progress shows between. */
const TRAINING_BATCH = 100;
export const MAX_TRAINING_HOUSEHOLDS = 10_000;

/**
 * The administrator's workflows that span main's key store and this database: a user exists in both (main is the
 * authority on who may unlock; the staff directory names them for screens and scopes), a backup is the database's
 * sealed rows handed to main, and training data is written in batches with progress.
 */
export function officeAdminServices(context: ServiceContext) {
  const { session, repos, api, officeId } = context;
  /** Main changed the key store; if the directory then refuses, say both halves so the administrator can repair. */
  const recordStaff = async (userId: string, profile: StaffProfile, status: 'active' | 'deactivated', done: string) => {
    try {
      await repos.staff.record(session, officeId, userId, profile, status);
    } catch (error) {
      throw new MainRefusal('STAFF_DIRECTORY', `${done}が、職員名簿に記録できませんでした: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  return {
    users: {
      async list(): Promise<VaultUser[]> {
        return unwrapResult(await api.usersList({})).users;
      },
      async create(input: { loginId: string; passphrase: string; profile: StaffProfile }): Promise<string> {
        const { userId } = unwrapResult(await api.userCreate(input));
        await recordStaff(userId, input.profile, 'active', '利用者は作成しました');
        return userId;
      },
      /** `rotateKey`: the administrator's choice to replace the data key the user could open (re-seal in the background). */
      async deactivate(user: VaultUser, options: { rotateKey?: boolean } = {}): Promise<void> {
        const { rotation } = unwrapResult(await api.userDeactivate({ userId: user.userId, rotateKey: options.rotateKey === true }));
        if (rotation) await rotationRunnerOf(context).adopt(rotation);
        await recordStaff(user.userId, user.profile, 'deactivated', '無効化しました');
      },
      /** 役割 and 班: checked against the directory's rules, changed in main's key store, then in the directory (both audited). */
      async changeProfile(user: VaultUser, change: Pick<StaffProfile, 'role' | 'teamId'>): Promise<void> {
        const profile = { ...user.profile, ...change };
        await repos.staff.checkChange(session, user.userId, profile);
        unwrapResult(await api.userUpdateProfile({ userId: user.userId, profile }));
        await recordStaff(user.userId, profile, 'active', '役割・班は変更しました');
      },
      async unlockAccount(userId: string): Promise<void> {
        unwrapResult(await api.userUnlockAccount({ userId }));
      },
      async resetPassphrase(input: { userId: string; recoveryKey: string; newPassphrase: string }): Promise<void> {
        unwrapResult(await api.userResetPassphrase(input));
      },
    },
    backups: {
      async list() {
        return unwrapResult(await api.backupList({})).backups;
      },
      /** Writes a backup of this device and logs the export; returns the file's name. */
      async create(): Promise<string> {
        const created = unwrapResult(await api.backupCreate({ databaseExport: await exportDatabaseForBackup() }));
        await repos.auditLog.record(session, { kind: 'export', detail: { what: 'backup', householdId: null, count: 1 } });
        return created.fileName;
      },
      /** The recovery key attests the office's backup signing key, so backups restore on a new machine (main audits it). */
      async attest(recoveryKey: string): Promise<void> {
        unwrapResult(await api.backupAttest({ recoveryKey }));
      },
    },
    training: {
      /** Synthetic households (研修用データ) for a training office, in batches; `progress` hears after each. */
      async generate(
        input: { seed: number; count: number; assignees: readonly string[]; today: string },
        progress: (done: number, total: number) => void = () => undefined,
      ): Promise<void> {
        const { seed, count, assignees, today } = input;
        if (!Number.isInteger(count) || count < 1 || count > MAX_TRAINING_HOUSEHOLDS)
          throw new MainRefusal('INVALID', `世帯数は1〜${MAX_TRAINING_HOUSEHOLDS.toLocaleString('ja-JP')}で入力してください`);
        if (assignees.length === 0) throw new MainRefusal('INVALID', '担当にするケースワーカーがいません。先に利用者を登録してください');
        for (let offset = 0; offset < count; offset += TRAINING_BATCH) {
          const batch = generateTrainingHouseholds({ seed, count: Math.min(TRAINING_BATCH, count - offset), offset, assignees, today });
          await repos.training.seed(session, officeId, batch);
          progress(offset + batch.length, count);
        }
      },
    },
  };
}
