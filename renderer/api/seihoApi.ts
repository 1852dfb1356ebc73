import type { SeihoApi } from '../../shared/ipc/api';
import type { EventName } from '../../shared/ipc/contract';

declare global {
  interface Window {
    /** Set by the Electron preload. Absent when the renderer is served by the browser host. */
    seiho?: SeihoApi;
  }
}

/**
 * The same contract over HTTP, for the browser host: one function per method, as the preload builds its own,
 * carrying the per-run token the host wrote into the page. Members are made on first use from their names (a method
 * posts to `./api/<method>`, `on<Event>` subscribes), so the page starts without the contract's zod schemas: the
 * host validates every request, and event payloads are validated here once the contract has loaded.
 */
export function createHttpApi(token: string, fetchImpl: typeof fetch = fetch.bind(globalThis)): SeihoApi {
  const call = (method: string) => async (request: unknown) => {
    try {
      const response = await fetchImpl(`./api/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(request ?? {}),
      });
      return await response.json();
    } catch {
      return { ok: false, error: { code: 'HOST_UNREACHABLE', message: `ホストに接続できません (${method})` } };
    }
  };
  const subscribe = (event: EventName) => (listener: (payload: unknown) => void) => {
    const source = new EventSource(`./api/events?token=${encodeURIComponent(token)}`);
    const handle = (message: MessageEvent<string>) =>
      void import('../../shared/ipc/contract').then(({ events }) => {
        const parsed = events[event]?.payload.safeParse(JSON.parse(message.data));
        if (parsed?.success) listener(parsed.data);
      });
    source.addEventListener(event, handle);
    return () => source.close();
  };
  const members = new Map<string, unknown>();
  return new Proxy({} as SeihoApi, {
    get(_, name) {
      // Not a member: symbols, and `then` (so the API is never mistaken for a promise).
      if (typeof name !== 'string' || name === 'then' || !/^[a-z][A-Za-z]*$/.test(name)) return undefined;
      if (!members.has(name)) {
        const event = /^on[A-Z]/.test(name) ? (`${name[2]!.toLowerCase()}${name.slice(3)}` as EventName) : null;
        members.set(name, event ? subscribe(event) : call(name));
      }
      return members.get(name);
    },
  });
}

let cached: SeihoApi | undefined;

export function seihoApi(): SeihoApi {
  if (cached) return cached;
  if (window.seiho) {
    cached = window.seiho;
  } else {
    const token = document.querySelector<HTMLMetaElement>('meta[name="seiho-host-token"]')?.content;
    if (!token) throw new Error('アプリケーションのホストに接続できません。Seiho Desk から起動してください。');
    cached = createHttpApi(token);
  }
  return cached;
}
