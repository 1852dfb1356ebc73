import { access, constants } from 'node:fs/promises';
import type { EventName, EventPayload } from '../../shared/ipc/contract.js';
import type { Handlers } from '../ipc/router.js';
import { createSettingsStore } from '../settings/settingsStore.js';

/** The ports every host (Electron or the browser host) gives the services. */
export type ServicePorts = {
  dataDir: string;
  host: 'electron' | 'browser';
  appVersion: string;
  platform: string;
  emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void;
};

/** The composition root for main-process services: one handler per contract method, shared by both hosts. */
export function createHandlers(ports: ServicePorts): Handlers {
  const settings = createSettingsStore(ports.dataDir);
  return {
    appInfo: () => ({ name: 'Seiho Desk', version: ports.appVersion, host: ports.host, platform: ports.platform, dataDir: ports.dataDir }),
    healthCheck: async () => {
      const checks = [await dataDirWritable(ports.dataDir), await settingsReadable(settings)];
      return { status: checks.every((c) => c.ok) ? 'ok' : 'degraded', checks };
    },
    settingsGet: () => settings.read(),
    settingsSet: async (request) => {
      const saved = await settings.write(request);
      ports.emit('settingsChanged', saved);
      return saved;
    },
  };
}

async function dataDirWritable(dataDir: string) {
  try {
    await access(dataDir, constants.W_OK);
    return { name: 'データフォルダ', ok: true, detail: dataDir };
  } catch {
    return { name: 'データフォルダ', ok: false, detail: `書き込めません: ${dataDir}` };
  }
}

async function settingsReadable(settings: ReturnType<typeof createSettingsStore>) {
  try {
    await settings.read();
    return { name: '設定', ok: true, detail: '読み込み可能' };
  } catch (error) {
    return { name: '設定', ok: false, detail: error instanceof Error ? error.message : String(error) };
  }
}
