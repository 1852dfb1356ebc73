import { randomUUID } from 'node:crypto';
import { mkdir, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { BundleHeader } from '../../shared/sync/bundleFormat.js';
import { createDeviceStore, type Device } from '../device/deviceStore.js';
import { ServiceError, type Handlers } from '../ipc/router.js';
import type { SettingsStore } from '../settings/settingsStore.js';
import { writeBundleFile } from '../sync/bundleFile.js';
import { openEnrolmentFile, inspectEnrolmentFile, writeEnrolmentFile } from '../sync/enrolmentFile.js';
import { SyncError } from '../sync/syncError.js';
import type { SyncEvent } from '../sync/syncEvents.js';
import { readBundleFolder } from '../sync/syncFolder.js';
import { argon2idPresets, type Argon2idCost, type Kdf } from '../vault/kdf.js';
import { keystorePath } from '../vault/keystoreFile.js';
import { loadSodium } from '../vault/sodium.js';
import { syncKeyPairsOf } from '../vault/syncKeys.js';
import type { Clock, SessionSyncKeys, Vault } from '../vault/vault.js';

type SyncMethods = 'syncIdentity' | 'syncEnrol' | 'syncInspectEnrolment' | 'syncSetupFromEnrolment' | 'syncWriteBundle' | 'syncReadBundles';

export type SyncPorts = {
  dataDir: string;
  clock: Clock;
  settings: SettingsStore;
  vault: Pick<Vault, 'status' | 'syncKeys' | 'enrolmentKeys' | 'initializeFromEnrolment'>;
  isAdminSession: () => boolean;
  recordEvent: (event: SyncEvent) => Promise<void>;
  /** Argon2id for the enrolment code: the vault's KDF port, so tests can use a cheap cost. */
  kdf: Kdf;
  enrolmentCost?: Argon2idCost;
};

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const fromBase64 = (text: string) => new Uint8Array(Buffer.from(text, 'base64'));

/**
 * The sync channels (shared/sync/README.md, "IPC"). The hub is the device whose key store was not set up from an
 * enrolment file (the office's first device); on it, enrolment and the bundle channels are the administrator's.
 * On an enrolled device any unlocked user writes and reads bundles, always to and from the hub it was enrolled by.
 */
export function createSyncHandlers(ports: SyncPorts): Pick<Handlers, SyncMethods> {
  const devices = createDeviceStore(ports.dataDir);

  /** This device and its sync keys (an enrolled device's name the hub); the caller wipes the keys. */
  async function context(hubNeedsAdmin = true): Promise<{ device: Device; keys: SessionSyncKeys }> {
    const device = await devices.read();
    if (!device) throw new ServiceError('NOT_INITIALIZED', 'この端末はまだ初期設定されていません');
    const keys = await ports.vault.syncKeys();
    if (keys.deviceId !== null && keys.deviceId !== device.id) {
      keys.wipe();
      throw new ServiceError('DEVICE_DAMAGED', `端末情報（device.json）の端末ID ${device.id} が鍵ファイルの端末ID ${keys.deviceId} と一致しません`);
    }
    if (hubNeedsAdmin && keys.hub === null && !ports.isAdminSession()) {
      keys.wipe();
      throw new ServiceError('NOT_AUTHORIZED', 'ハブ端末の同期はシステム管理者だけが行えます');
    }
    return { device, keys };
  }

  async function syncFolder(): Promise<string> {
    const folder = (await ports.settings.read()).syncFolder;
    if (!folder) throw new ServiceError('SYNC_NO_FOLDER', '同期フォルダが設定されていません。管理 → 設定で同期フォルダを指定してください');
    const found = await stat(folder).catch(() => null);
    if (!found?.isDirectory())
      throw new ServiceError('SYNC_NO_FOLDER', `同期フォルダ「${folder}」が見つかりません。フォルダの場所か、媒体の接続を確かめてください`);
    return folder;
  }

  return {
    async syncIdentity() {
      const { device, keys } = await context(false);
      try {
        return {
          deviceId: device.id,
          profile: device.profile,
          officeId: keys.officeId,
          hubDeviceId: keys.hub?.deviceId ?? null,
          syncFolder: (await ports.settings.read()).syncFolder ?? null,
          signPublicKey: base64(keys.sign.publicKey),
          boxPublicKey: base64(keys.box.publicKey),
        };
      } finally {
        keys.wipe();
      }
    },

    async syncEnrol(request) {
      if (!ports.isAdminSession()) throw new ServiceError('NOT_AUTHORIZED', '端末の登録はシステム管理者だけが行えます');
      const hubDevice = await devices.read();
      if (!hubDevice) throw new ServiceError('NOT_INITIALIZED', 'この端末はまだ初期設定されていません');
      const material = await ports.vault.enrolmentKeys();
      const sodium = await loadSodium();
      const signSeed = sodium.randombytes_buf(32);
      const boxSeed = sodium.randombytes_buf(32);
      const pairs = syncKeyPairsOf(sodium, signSeed, boxSeed);
      try {
        const active = new Map(material.users.filter((u) => u.status === 'active').map((u) => [u.userId, u]));
        const users = request.userIds.map((userId, index) => {
          const user = active.get(userId);
          if (!user) throw new ServiceError('INVALID_INPUT', `userIds.${index}: 利用者 ${userId} はこの事務所の有効な利用者ではありません`);
          return { userId, loginId: user.loginId, displayName: user.profile.displayName, role: user.profile.role, teamId: user.profile.teamId };
        });
        if (new Set(request.userIds).size !== request.userIds.length) throw new ServiceError('INVALID_INPUT', 'userIds: 同じ利用者が重複しています');
        const known = new Set(material.users.map((u) => u.userId));
        request.caseloadUserIds.forEach((userId, index) => {
          if (!known.has(userId)) throw new ServiceError('INVALID_INPUT', `caseloadUserIds.${index}: 利用者 ${userId} はこの事務所の利用者ではありません`);
        });
        const folder = request.folder ?? (await ports.settings.read()).syncFolder ?? join(ports.dataDir, 'enrolments');
        if (folder === join(ports.dataDir, 'enrolments')) await mkdir(folder, { recursive: true, mode: 0o700 });
        else if (!(await stat(folder).catch(() => null))?.isDirectory())
          throw new ServiceError('INVALID_INPUT', `folder: 書き出し先のフォルダ「${folder}」が見つかりません`);
        const deviceId = randomUUID();
        const createdAt = new Date(ports.clock.now()).toISOString();
        const device = { signPublicKey: base64(pairs.sign.publicKey), boxPublicKey: base64(pairs.box.publicKey) };
        const { path, code } = await writeEnrolmentFile(
          sodium,
          ports.kdf,
          folder,
          {
            officeId: material.office.id,
            officeName: material.office.name,
            deviceId,
            profile: request.profile,
            name: request.name,
            hubDeviceId: hubDevice.id,
            hub: { signPublicKey: base64(material.hub.sign.publicKey), boxPublicKey: base64(material.hub.box.publicKey) },
            device,
            users,
            caseloadUserIds: request.caseloadUserIds,
            createdAt,
          },
          { signSeed, boxSeed, blindKey: material.blindKey },
          material.hub.sign.privateKey,
          ports.enrolmentCost ?? argon2idPresets.INTERACTIVE,
        );
        await ports.recordEvent({
          at: createdAt,
          userId: material.by,
          type: 'deviceEnrolled',
          deviceId,
          profile: request.profile,
          name: request.name,
          users: request.userIds.join(','),
          caseloads: request.caseloadUserIds.join(','),
          signPublicKey: device.signPublicKey,
        });
        return { deviceId, file: path, code, ...device, createdAt };
      } finally {
        for (const secret of [signSeed, boxSeed, pairs.sign.privateKey, pairs.box.privateKey, material.blindKey]) sodium.memzero(secret);
        material.hub.wipe();
      }
    },

    async syncInspectEnrolment(request) {
      return inspectEnrolmentFile(await loadSodium(), request.path);
    },

    async syncSetupFromEnrolment(request) {
      if ((await ports.vault.status()).state !== 'uninitialized') throw new ServiceError('ALREADY_INITIALIZED', 'この端末はすでに初期設定されています');
      const sodium = await loadSodium();
      const { clear, secret } = await openEnrolmentFile(sodium, ports.kdf, request.path, request.code);
      try {
        const listed = new Map(clear.users.map((u) => [u.userId, u]));
        const users = request.users.map(({ userId, passphrase }, index) => {
          const user = listed.get(userId);
          if (!user) throw new ServiceError('INVALID_INPUT', `users.${index}: 利用者 ${userId} はこの登録ファイルに含まれていません`);
          return { userId, loginId: user.loginId, passphrase, profile: { displayName: user.displayName, role: user.role, teamId: user.teamId } };
        });
        // The hub named the device's public keys in the clear part: the secret part must be their seeds.
        const pairs = syncKeyPairsOf(sodium, secret.signSeed, secret.boxSeed);
        const matches = base64(pairs.sign.publicKey) === clear.device.signPublicKey && base64(pairs.box.publicKey) === clear.device.boxPublicKey;
        sodium.memzero(pairs.sign.privateKey);
        sodium.memzero(pairs.box.privateKey);
        if (!matches) throw new SyncError('ENROL_INVALID', '登録ファイルの端末の鍵が公開鍵と一致しません（ファイルが壊れています）');
        const made = await ports.vault.initializeFromEnrolment({
          office: { id: clear.officeId, name: clear.officeName },
          users,
          blindKey: secret.blindKey,
          sync: {
            deviceId: clear.deviceId,
            hubDeviceId: clear.hubDeviceId,
            signSeed: secret.signSeed,
            boxSeed: secret.boxSeed,
            hubSignPublicKey: fromBase64(clear.hub.signPublicKey),
            hubBoxPublicKey: fromBase64(clear.hub.boxPublicKey),
          },
        });
        try {
          await devices.adopt({ id: clear.deviceId, profile: clear.profile, hubDeviceId: clear.hubDeviceId }, new Date(ports.clock.now()));
          // A field laptop may have no administrator to set the folder later: it is set here.
          await ports.settings.update({ officeName: clear.officeName, syncFolder: request.syncFolder ?? dirname(resolve(request.path)) });
        } catch (error) {
          // No half set-up: a key store without its device.json would unlock nothing and block the next attempt.
          await rm(join(ports.dataDir, 'device.json'), { force: true });
          await rm(keystorePath(ports.dataDir), { force: true });
          throw error;
        }
        const setUp = new Set(users.map((u) => u.userId));
        return { ...made, deviceId: clear.deviceId, notSetUp: clear.users.filter((u) => !setUp.has(u.userId)).map((u) => u.userId) };
      } finally {
        for (const value of Object.values(secret)) sodium.memzero(value);
      }
    },

    async syncWriteBundle(request) {
      const { device, keys } = await context();
      try {
        const folder = await syncFolder();
        let recipientBoxPublicKey: Uint8Array;
        if (keys.hub) {
          if (request.recipient !== keys.hub.deviceId) {
            throw new SyncError('SYNC_WRONG_RECIPIENT', `この端末はハブ端末（${keys.hub.deviceId}）にだけ同期ファイルを送れます（宛先: ${request.recipient}）`);
          }
          if (request.recipientBoxPublicKey && request.recipientBoxPublicKey !== base64(keys.hub.boxPublicKey)) {
            throw new SyncError('SYNC_WRONG_RECIPIENT', '宛先の公開鍵が、この端末が登録されたハブ端末の鍵と一致しません');
          }
          if (request.payload.kind !== 'device') throw new SyncError('SYNC_SCHEMA', 'payload.kind: 端末からハブへの同期データは device です');
          recipientBoxPublicKey = keys.hub.boxPublicKey;
        } else {
          if (!request.recipientBoxPublicKey)
            throw new ServiceError('INVALID_REQUEST', 'recipientBoxPublicKey: ハブ端末からは宛先端末の公開鍵を指定してください');
          if (request.payload.kind !== 'hub') throw new SyncError('SYNC_SCHEMA', 'payload.kind: ハブから端末への同期データは hub です');
          recipientBoxPublicKey = fromBase64(request.recipientBoxPublicKey);
        }
        const written = await writeBundleFile(
          await loadSodium(),
          folder,
          {
            officeId: keys.officeId,
            sender: device.id,
            recipient: request.recipient,
            seq: request.seq,
            createdAt: new Date(ports.clock.now()).toISOString(),
            hlcFrom: request.hlcFrom,
            hlcTo: request.hlcTo,
            counts: request.counts,
            payload: request.payload,
          },
          { signSecretKey: keys.sign.privateKey, recipientBoxPublicKey },
        );
        const { body: _body, ...header } = written.header;
        return { file: written.path, bytes: written.bytes, header: header satisfies BundleHeader };
      } finally {
        keys.wipe();
      }
    },

    async syncReadBundles(request) {
      const { device, keys } = await context();
      try {
        const folder = await syncFolder();
        // A device trusts the hub it was enrolled by, with the key it holds; the hub trusts its registry.
        const senders = keys.hub
          ? [{ deviceId: keys.hub.deviceId, signPublicKey: keys.hub.signPublicKey, revoked: false }]
          : (request.senders ?? []).map((s) => ({ deviceId: s.deviceId, signPublicKey: fromBase64(s.signPublicKey), revoked: s.revoked }));
        const bundles = await readBundleFolder(await loadSodium(), {
          folder,
          dataDir: ports.dataDir,
          reader: { officeId: keys.officeId, deviceId: device.id, boxPublicKey: keys.box.publicKey, boxSecretKey: keys.box.privateKey },
          senders: (deviceId) => senders.find((s) => s.deviceId === deviceId),
          ...(request.skipThrough && { skipThrough: request.skipThrough }),
          now: () => new Date(ports.clock.now()),
        });
        return { bundles };
      } finally {
        keys.wipe();
      }
    },
  };
}
