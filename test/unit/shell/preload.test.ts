import { beforeEach, expect, test, vi } from 'vitest';
import { contract, eventNames, methodNames, subscriberName } from '../../../shared/ipc/contract.js';

const exposed = new Map<string, Record<string, unknown>>();
const invoke = vi.fn(async (channel: string, request: unknown) => ({ ok: true, value: { channel, request } }));
const listeners = new Map<string, (event: unknown, payload: unknown) => void>();

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: Record<string, unknown>) => exposed.set(key, api) },
  ipcRenderer: {
    invoke,
    on: (channel: string, listener: (event: unknown, payload: unknown) => void) => listeners.set(channel, listener),
    removeListener: (channel: string) => listeners.delete(channel),
  },
}));

beforeEach(async () => {
  exposed.clear();
  vi.resetModules();
  await import('../../../main/preload/index.js');
});

test('the preload exposes exactly one function per contract method and event, and nothing else', () => {
  expect([...exposed.keys()]).toEqual(['seiho']);
  const api = exposed.get('seiho')!;
  const expected = [...methodNames, ...eventNames.map(subscriberName)].sort();
  expect(Object.keys(api).sort()).toEqual(expected);
  for (const value of Object.values(api)) expect(typeof value).toBe('function');
  expect(Object.isFrozen(api)).toBe(true);
});

test('each method invokes its own contract channel', async () => {
  const api = exposed.get('seiho')! as Record<string, (r: unknown) => Promise<unknown>>;
  for (const method of methodNames) {
    await api[method]!({});
    expect(invoke).toHaveBeenLastCalledWith(contract[method].channel, {});
  }
});

test('event subscriptions deliver valid payloads, drop invalid ones, and unsubscribe', () => {
  const api = exposed.get('seiho')! as Record<string, (l: (p: unknown) => void) => () => void>;
  const received: unknown[] = [];
  const unsubscribe = api.onSettingsChanged!((payload) => received.push(payload));
  const deliver = listeners.get('event:settingsChanged')!;
  deliver({}, { officeName: '事務所', defaultMunicipality: '加須市', idleLockMinutes: 10 });
  deliver({}, { officeName: 42 });
  expect(received).toEqual([{ officeName: '事務所', defaultMunicipality: '加須市', idleLockMinutes: 10 }]);
  unsubscribe();
  expect(listeners.has('event:settingsChanged')).toBe(false);
});
