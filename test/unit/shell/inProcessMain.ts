import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRouter } from '../../../main/ipc/router.js';
import { createHandlers } from '../../../main/services/handlers.js';
import { argon2idPresets, createInlineKdf } from '../../../main/vault/kdf.js';
import type { SeihoApi } from '../../../shared/ipc/api.js';
import { contract, eventNames, events, methodNames, subscriberName, type EventName, type MethodName, type ResponseOf } from '../../../shared/ipc/contract.js';

export const ADMIN = { loginId: 'kanri01', displayName: '管理 花子', passphrase: 'さくら並木の朝は早い-2026' };

/**
 * Main's real handlers behind the real router, with the renderer's `SeihoApi` over them as the preload builds it
 * (one function per method, `on<Event>` subscriptions fed by main's emit), set up as an office and unlocked as its
 * administrator. `windows` such APIs share one main, as two windows of the app would.
 */
export async function inProcessMain(options: { windows?: number; now?: () => number } = {}) {
  const dataDir = await mkdtemp(join(tmpdir(), 'seiho-main-'));
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>(eventNames.map((e) => [e, new Set()]));
  const emitted: { event: EventName; payload: unknown }[] = [];
  const { handlers } = createHandlers({
    dataDir,
    host: 'electron',
    appVersion: 't',
    platform: 'linux',
    emit: (event, payload) => {
      emitted.push({ event, payload });
      // As webContents.send: validated by the preload on arrival, after the handler's turn.
      queueMicrotask(() => {
        for (const listener of listeners.get(event)!) listener(events[event].payload.parse(payload));
      });
    },
    ...(options.now ? { clock: { now: options.now } } : {}),
    timers: { setTimeout: () => 0, clearTimeout: () => {} },
    vaultOptions: { kdf: createInlineKdf(), policy: { kdfCost: argon2idPresets.MIN } },
  });
  const router = createRouter(handlers, () => true);
  const dispatch = (method: MethodName, request: unknown) => router.dispatch(method, request, { senderOrigin: 'app://seiho' });
  const value = async <M extends MethodName>(method: M, request: unknown = {}): Promise<ResponseOf<M>> => {
    const result = await dispatch(method, request);
    if (!result.ok) throw new Error(`${contract[method].channel}: ${result.error.code} ${result.error.message}`);
    return result.value as ResponseOf<M>;
  };
  const api = (): SeihoApi => {
    const built: Record<string, unknown> = {};
    for (const method of methodNames) built[method] = (request: unknown) => dispatch(method, request);
    for (const event of eventNames) {
      built[subscriberName(event)] = (listener: (payload: unknown) => void) => {
        listeners.get(event)!.add(listener);
        return () => listeners.get(event)!.delete(listener);
      };
    }
    return built as SeihoApi;
  };
  await value('officeSetup', { officeName: '加須市福祉事務所', municipality: '加須市', deviceProfile: 'office', admin: ADMIN });
  await value('vaultUnlock', { loginId: ADMIN.loginId, passphrase: ADMIN.passphrase });
  const officeId = (await value('vaultStatus')).office!.id;
  return { dataDir, officeId, dispatch, value, api, emitted, listenerCount: (event: EventName) => listeners.get(event)!.size };
}
