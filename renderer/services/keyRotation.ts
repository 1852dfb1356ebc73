import { loadSodium } from '../../shared/crypto/sodium';
import type { ResponseOf } from '../../shared/ipc/contract';
import type { DataStore } from '../data/db';
import { clearResealCheckpoint, hasResealCheckpoint, resealAll, type ResealProgress } from '../data/keyRotation';
import { chainVaultEvents } from '../data/vaultEvents';
import type { ServiceContext } from './context';
import { unwrapResult } from './ipcResult';

export type KeyRotationState =
  | { phase: 'idle' }
  | ({ phase: 'resealing' } & ResealProgress)
  | ({ phase: 'finished' } & ResealProgress)
  | { phase: 'failed'; message: string };

type RotationKeys = ResponseOf<'vaultRotateKey'>;

/**
 * Data key rotation as this device lives it: main makes the new key and seals it to every slot; here the store
 * switches to it (writes sealed with the new key at once, rows sealed with the previous one still readable), the
 * rows are re-sealed in the background, and when the last one is done main drops the previous key and so does the
 * store. One runner per open store, whichever session opened it: a re-seal a lock or a kill interrupted is resumed
 * at the next unlock by whoever unlocks.
 */
function createRotationRunner({ store, api }: Pick<ServiceContext, 'store' | 'api'>) {
  const listeners = new Set<(state: KeyRotationState) => void>();
  let state: KeyRotationState = { phase: 'idle' };
  let running: Promise<void> | null = null;
  const publish = (next: KeyRotationState) => {
    state = next;
    for (const listener of listeners) listener(state);
  };

  /** Main journals rotation events; chained into the audit log now rather than at the next unlock. */
  const chainEvents = async () => {
    const pending = unwrapResult(await api.vaultEventsPending({}));
    if (pending.events.length > 0) unwrapResult(await api.vaultEventsAck({ ids: await chainVaultEvents(store, pending.events) }));
  };

  async function reseal() {
    try {
      const done = await resealAll(store, (progress) => publish({ phase: 'resealing', ...progress }));
      unwrapResult(await api.vaultRotationFinish({ keyId: store.keys.kid, rowsResealed: done.resealed }));
      for (const kid of store.keys.previousKids()) store.keys.forget(kid);
      await clearResealCheckpoint(store);
      await chainEvents();
      publish({ phase: 'finished', ...done });
    } catch (error) {
      publish({
        phase: 'failed',
        message: `記録の再暗号化が中断しました（次のロック解除で再開します）: ${error instanceof Error ? error.message : String(error)}`,
      });
    } finally {
      running = null;
    }
  }

  const start = () => {
    running ??= reseal();
    return running;
  };

  return {
    state: () => state,
    /** Hears every change of state (progress after each chunk); returns the unsubscribe. */
    subscribe(listener: (state: KeyRotationState) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** At unlock: continues a re-seal main still holds a previous key for, or clears what a finished one left. */
    async resume(): Promise<void> {
      if (store.keys.previousKids().length > 0) return start();
      try {
        if (await hasResealCheckpoint(store)) await clearResealCheckpoint(store);
      } catch {
        // Locked before the clean-up ran: a stale checkpoint is ignored anyway, and the next unlock clears it.
      }
    },
    /** Main rotated (by itself or with a deactivation): switch the store to the new key and re-seal. Wipes the keys given. */
    async adopt(keys: RotationKeys): Promise<void> {
      const sodium = await loadSodium();
      const next = sodium.from_base64(keys.dataKey, sodium.base64_variants.ORIGINAL);
      const previous = sodium.from_base64(keys.previousKey.dataKey, sodium.base64_variants.ORIGINAL);
      store.keys.rotateTo({ kid: keys.keyId, key: next }, { kid: keys.previousKey.keyId, key: previous });
      sodium.memzero(next);
      sodium.memzero(previous);
      await chainEvents();
      void start();
    },
    /** Resolves when the re-seal under way (if any) has ended. */
    settled: () => running ?? Promise.resolve(),
  };
}

const runners = new WeakMap<DataStore, ReturnType<typeof createRotationRunner>>();

/** The runner of this store (made on first use): the rotation screen and the deactivation share it. */
export function rotationRunnerOf(context: Pick<ServiceContext, 'store' | 'api'>) {
  let runner = runners.get(context.store);
  if (!runner) {
    runner = createRotationRunner(context);
    runners.set(context.store, runner);
  }
  return runner;
}

export function keyRotationServices(context: ServiceContext) {
  const runner = rotationRunnerOf(context);
  return {
    keyRotation: {
      state: runner.state,
      subscribe: runner.subscribe,
      resume: runner.resume,
      settled: runner.settled,
      /** 管理: a new data key now (administrator; main refuses anyone else and a second rotation while one runs). */
      async rotate(): Promise<void> {
        await runner.adopt(unwrapResult(await context.api.vaultRotateKey({})));
      },
    },
  };
}
