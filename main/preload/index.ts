import { contextBridge, ipcRenderer } from 'electron';
import { contract, eventNames, events, methodNames, subscriberName } from '../../shared/ipc/contract.js';

/**
 * The sandboxed preload: exactly one function per contract method and one subscription per event, built
 * from the contract so nothing generic such as `invoke(channel, …)` ever reaches the page.
 */
export function buildApi(renderer: Pick<typeof ipcRenderer, 'invoke' | 'on' | 'removeListener'>) {
  const api: Record<string, unknown> = {};
  for (const method of methodNames) {
    const { channel } = contract[method];
    api[method] = (request: unknown) => renderer.invoke(channel, request);
  }
  for (const event of eventNames) {
    const channel = `event:${event}`;
    api[subscriberName(event)] = (listener: (payload: unknown) => void) => {
      const wrapped = (_event: unknown, payload: unknown) => {
        const parsed = events[event].payload.safeParse(payload);
        if (parsed.success) listener(parsed.data);
      };
      renderer.on(channel, wrapped);
      return () => renderer.removeListener(channel, wrapped);
    };
  }
  return Object.freeze(api);
}

contextBridge.exposeInMainWorld('seiho', buildApi(ipcRenderer));
