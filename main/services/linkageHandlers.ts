import { lstat, mkdir, rename, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createUuidV7Generator } from '../../shared/ids/uuidv7.js';
import { INCOMING_DIR, OUTGOING_DIR, requestRecordSchema, resultRecordSchema } from '../../shared/linkage/exchangeFormat.js';
import { ServiceError, type Handlers } from '../ipc/router.js';
import { ExchangeFileError, listExchanges, PROCESSED_DIR, readExchange, writeExchange } from '../linkage/exchangeFolder.js';
import { exchangeKeyFingerprint, firstGenerations, sealingKeyOf, type OfficeKeyGenerations, type OfficeKeys } from '../linkage/exchangeSigner.js';
import { createSentRegister } from '../linkage/sentExchanges.js';
import { loadSodium } from '../vault/sodium.js';
import type { SettingsStore } from '../settings/settingsStore.js';
import type { Clock } from '../vault/vault.js';

type LinkageMethods = 'linkageInfo' | 'linkageExport' | 'linkageIncoming' | 'linkageImport' | 'linkageArchive' | 'linkageUnconfirmed' | 'linkageConfirm';

/**
 * Main's copy of each request it wrote, kept until the renderer confirms the records are marked sent: a request
 * exchange like the one in outgoing/, but sealed to the office's own key, in the data folder (never the shared
 * exchange folder). If the renderer stops between the file and the marking, the marking is finished from this copy
 * with the same exchange id, instead of the records going out again in a second file.
 */
const UNCONFIRMED_DIR = 'linkage-unconfirmed';

const SENDER = 'Seiho Desk';

/**
 * 情報連携 exchange files, administrator only. Every call asks the vault for the office key, which it gives only
 * to an unlocked administrator's session; that check is the authorisation, and the key is wiped after the call.
 */
export function createLinkageHandlers(ports: {
  dataDir: string;
  clock: Clock;
  settings: SettingsStore;
  officeKeys: (scope: 'admin', generations: OfficeKeyGenerations) => Promise<{ officeId: string; keys: OfficeKeys }>;
}): Pick<Handlers, LinkageMethods> {
  const newExchangeId = createUuidV7Generator({ now: () => ports.clock.now() });
  const unconfirmedDir = join(ports.dataDir, UNCONFIRMED_DIR);
  const sent = createSentRegister(ports.dataDir);

  /** The 統合宛名 side's key: what result files must be signed with and what requests are sealed to. */
  function peerKey(configured: string | null): Uint8Array {
    if (!configured)
      throw new ServiceError('LINKAGE_NOT_CONFIGURED', '相手方（団体内統合宛名システム）の公開鍵が設定されていません。連携設定で登録してください');
    return new Uint8Array(Buffer.from(configured, 'base64'));
  }

  type Office = { officeId: string; keys: OfficeKeys; settings: Awaited<ReturnType<typeof linkageSettings>> };
  /** The settings (verified: a refused settings file stops every linkage call) and the office keys they put in force. */
  async function withOffice<T>(task: (office: Office) => Promise<T>): Promise<T> {
    const settings = await linkageSettings();
    const { officeId, keys } = await ports.officeKeys('admin', settings.generations);
    try {
      return await task({ officeId, keys, settings });
    } finally {
      keys.wipe();
    }
  }

  async function linkageSettings() {
    const { linkage } = await ports.settings.read();
    // Relative to the data folder, so the default and a relative setting both land next to the key store.
    return {
      exchangeDir: resolve(ports.dataDir, linkage?.exchangeDir ?? 'exchange'),
      officeCode: linkage?.officeCode ?? null,
      peerPublicKey: linkage?.peerPublicKey ?? null,
      requireSealedResults: linkage?.requireSealedResults ?? true,
      generations: linkage?.officeKeys ?? firstGenerations,
    };
  }

  /** An incoming folder named by the renderer: a plain name inside incoming/, never a path out of it (nor a Windows drive or stream). */
  const incomingFolder = (exchangeDir: string, folder: string) => {
    if (/[/\\:\0]/.test(folder) || folder.startsWith('.') || folder === PROCESSED_DIR) {
      throw new ServiceError('INVALID_REQUEST', `folder: 連携フォルダ名が正しくありません（${folder}）`);
    }
    return join(exchangeDir, INCOMING_DIR, folder);
  };

  return {
    linkageInfo: () =>
      withOffice(async ({ officeId, keys, settings }) => ({
        officeId,
        officeCode: settings.officeCode,
        exchangeDir: settings.exchangeDir,
        publicKey: Buffer.from(keys.signer.publicKey).toString('base64'),
        fingerprint: keys.signer.keyId,
        decryptionKey: { publicKey: Buffer.from(keys.replyTo.publicKey).toString('base64'), fingerprint: keys.replyTo.keyId },
        generations: settings.generations,
        peerConfigured: settings.peerPublicKey !== null,
        peerFingerprint: settings.peerPublicKey && exchangeKeyFingerprint(Buffer.from(settings.peerPublicKey, 'base64')),
        requireSealedResults: settings.requireSealedResults,
      })),

    linkageExport: (request) =>
      withOffice(async ({ officeId, keys, settings }) => {
        // The records carry 宛名番号 and 基本情報: they leave only sealed to the peer, so its key must be known.
        const peer = sealingKeyOf(await loadSodium(), peerKey(settings.peerPublicKey));
        // A loop, not Math.min(...seqs): a batch can exceed the engine's argument limit.
        const seqRange = { from: Infinity, to: -Infinity };
        for (const { seq } of request.records) {
          seqRange.from = Math.min(seqRange.from, seq);
          seqRange.to = Math.max(seqRange.to, seq);
        }
        const exchange = {
          direction: 'request',
          exchangeId: newExchangeId(),
          inReplyTo: null,
          office: { id: officeId, code: settings.officeCode },
          sender: SENDER,
          createdAt: new Date(ports.clock.now()).toISOString(),
          records: request.records,
          seqRange,
          signer: keys.signer,
          endorser: keys.endorser,
          replyTo: keys.replyTo,
        } as const;
        // Registered before it is written: a request that went out is always one whose results are accepted.
        await sent.record(
          keys.fileKey,
          exchange.exchangeId,
          exchange.createdAt,
          request.records.map((r) => r.recordId),
        );
        const { folder, manifest } = await writeExchange(join(settings.exchangeDir, OUTGOING_DIR), { ...exchange, sealTo: peer }).catch(refused);
        // After the request, never before: a copy without its file would have its records marked sent, unsent.
        // A copy that cannot be written costs only the fallback (the records stay pending and go out again under
        // the same recordId and idempotencyKey), so the written file is still reported.
        await writeExchange(unconfirmedDir, { ...exchange, sealTo: keys.replyTo }).catch(() => undefined);
        return {
          exchangeId: manifest.exchangeId,
          folder,
          count: manifest.records.count,
          byKind: manifest.records.byKind,
          createdAt: manifest.createdAt,
          sha256: manifest.records.sha256,
        };
      }),

    linkageIncoming: () =>
      withOffice(async ({ settings }) => {
        const listed = await listExchanges(join(settings.exchangeDir, INCOMING_DIR));
        return {
          exchanges: listed.map(({ folder, manifest, problem }) => ({
            folder,
            exchangeId: manifest?.exchangeId ?? null,
            inReplyTo: manifest?.inReplyTo ?? null,
            createdAt: manifest?.createdAt ?? null,
            count: manifest?.records.count ?? null,
            problem,
          })),
        };
      }),

    linkageImport: (request) =>
      withOffice(async ({ officeId, keys, settings }) => {
        const path = incomingFolder(settings.exchangeDir, request.folder);
        const { manifest, records } = await readExchange(path, {
          direction: 'result',
          officeId,
          publicKey: peerKey(settings.peerPublicKey),
          recordSchema: resultRecordSchema,
          openers: keys.openers,
          requireSealed: settings.requireSealedResults,
        }).catch(refused);
        // A result must answer a request this office sent, and a record that request carried.
        const carried = manifest.inReplyTo ? await sent.recordIds(keys.fileKey, manifest.inReplyTo).catch(refused) : null;
        const neverSent = `この事務所が送っていない依頼への結果です（inReplyTo: ${manifest.inReplyTo ?? 'なし'}）`;
        const unanswerable = records.flatMap((record) =>
          carried?.has(record.requestRecordId)
            ? []
            : [
                {
                  resultId: record.resultId,
                  problem: carried ? `依頼 ${manifest.inReplyTo} に含まれていない記録への結果です（requestRecordId: ${record.requestRecordId}）` : neverSent,
                },
              ],
        );
        return { exchangeId: manifest.exchangeId, inReplyTo: manifest.inReplyTo, createdAt: manifest.createdAt, records, unanswerable };
      }),

    linkageArchive: (request) =>
      withOffice(async ({ settings }) => {
        const source = incomingFolder(settings.exchangeDir, request.folder);
        const info = await lstat(source).catch(() => null);
        if (!info?.isDirectory()) throw new ServiceError('NOT_FOUND', `連携フォルダが見つかりません: ${request.folder}`);
        const processed = join(settings.exchangeDir, INCOMING_DIR, PROCESSED_DIR);
        await mkdir(processed, { recursive: true });
        // The other side may deliver the same exchange twice; the second copy is kept beside the first.
        let target = join(processed, request.folder);
        for (
          let n = 2;
          await lstat(target).then(
            () => true,
            () => false,
          );
          n += 1
        )
          target = join(processed, `${request.folder}-${n}`);
        await rename(source, target);
        return {};
      }),

    linkageUnconfirmed: () =>
      withOffice(async ({ officeId, keys }) => {
        const listed = await listExchanges(unconfirmedDir);
        const exports = [];
        for (const { folder } of listed) {
          // Sealed to and signed by this office: only its unlocked key opens it. A copy that does not verify (changed
          // or damaged on disk) is left alone and not used: its records, still pending, go out again in the next file.
          const copy = await readExchange(join(unconfirmedDir, folder), {
            direction: 'request',
            officeId,
            publicKey: keys.signer.publicKey,
            recordSchema: requestRecordSchema,
            openers: keys.openers,
          }).catch((error: unknown) => {
            if (error instanceof ExchangeFileError) return null;
            throw error;
          });
          if (copy) exports.push({ exchangeId: copy.manifest.exchangeId, createdAt: copy.manifest.createdAt, records: copy.records });
        }
        return { exports: exports.sort((a, b) => a.createdAt.localeCompare(b.createdAt)) };
      }),

    linkageConfirm: (request) =>
      withOffice(async () => {
        await rm(join(unconfirmedDir, request.exchangeId), { recursive: true, force: true });
        return {};
      }),
  };
}

/** A refused exchange file is the user's business (what was wrong, in Japanese), not an internal failure. */
function refused(error: unknown): never {
  if (error instanceof ExchangeFileError) throw new ServiceError('EXCHANGE_REFUSED', error.message);
  throw error;
}
