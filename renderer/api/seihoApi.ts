import type { SeihoApi } from '../../shared/ipc/api';
import { contract, eventNames, events, methodNames, subscriberName } from '../../shared/ipc/contract';

declare global {
  interface Window {
    /** Set by the Electron preload. Absent when the renderer is served by the browser host. */
    seiho?: SeihoApi;
  }
}

/**
 * The same contract over HTTP, for the browser host: one function per method, built from the contract just
 * as the preload builds its own, carrying the per-run token the host wrote into the page.
 */
export function createHttpApi(token: string, fetchImpl: typeof fetch = fetch.bind(globalThis)): SeihoApi {
  const api: Record<string, unknown> = {};
  for (const method of methodNames) {
    api[method] = async (request: unknown) => {
      try {
        const response = await fetchImpl(`./api/${method}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify(request ?? {}),
        });
        return await response.json();
      } catch {
        return { ok: false, error: { code: 'HOST_UNREACHABLE', message: `ホストに接続できません (${contract[method].channel})` } };
      }
    };
  }
  for (const event of eventNames) {
    api[subscriberName(event)] = (listener: (payload: unknown) => void) => {
      const source = new EventSource(`./api/events?token=${encodeURIComponent(token)}`);
      const handle = (message: MessageEvent<string>) => {
        const parsed = events[event].payload.safeParse(JSON.parse(message.data));
        if (parsed.success) listener(parsed.data);
      };
      source.addEventListener(event, handle);
      return () => source.close();
    };
  }
  return api as SeihoApi;
}

let cached: SeihoApi | undefined;

export function seihoApi(): SeihoApi {
  if (cached) return cached;
  if (window.seiho) return (cached = window.seiho);
  const token = document.querySelector<HTMLMetaElement>('meta[name="seiho-host-token"]')?.content;
  if (!token) throw new Error('アプリケーションのホストに接続できません。Seiho Desk から起動してください。');
  return (cached = createHttpApi(token));
}
