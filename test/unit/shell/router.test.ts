import { describe, expect, test, vi } from 'vitest';
import { createRouter, ServiceError, type Handlers } from '../../../main/ipc/router.js';

const trusted = 'app://seiho';

/** Only the methods these tests call; the router never touches the others. */
function handlers(overrides: Partial<Handlers> = {}): Handlers {
  return {
    appInfo: vi.fn(() => ({ name: 'Seiho Desk', version: '0.1.0', host: 'electron' as const, platform: 'linux', dataDir: '/tmp' })),
    healthCheck: vi.fn(() => ({ status: 'ok' as const, checks: [] })),
    settingsGet: vi.fn(() => ({ officeName: '事務所', defaultMunicipality: '加須市', idleLockMinutes: 10 })),
    settingsUpdate: vi.fn((patch) => ({ officeName: '事務所', defaultMunicipality: '加須市', idleLockMinutes: 10, ...patch })),
    ...overrides,
  } as Partial<Handlers> as Handlers;
}

describe('IPC router', () => {
  test('a valid request reaches its handler and returns an ok envelope', async () => {
    const h = handlers();
    const router = createRouter(h, (o) => o === trusted);
    const result = await router.dispatch('settingsUpdate', { officeName: ' 加須市福祉事務所 ' }, { senderOrigin: trusted });
    expect(result).toEqual({ ok: true, value: { officeName: '加須市福祉事務所', defaultMunicipality: '加須市', idleLockMinutes: 10 } });
    expect(h.settingsUpdate).toHaveBeenCalledWith({ officeName: '加須市福祉事務所' }, { senderOrigin: trusted });
  });

  test('an invalid request returns an error envelope naming the field and never reaches the handler', async () => {
    const h = handlers();
    const router = createRouter(h, (o) => o === trusted);
    const result = await router.dispatch('settingsUpdate', { officeName: '', defaultMunicipality: 7 }, { senderOrigin: trusted });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('INVALID_REQUEST');
    expect(result.error.message).toContain('officeName: 事務所名を入力してください');
    expect(result.error.message).toContain('defaultMunicipality:');
    expect(h.settingsUpdate).not.toHaveBeenCalled();
  });

  test('extra fields in a request are refused, not passed through', async () => {
    const h = handlers();
    const result = await createRouter(h, () => true).dispatch('appInfo', { evil: true }, { senderOrigin: trusted });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect(h.appInfo).not.toHaveBeenCalled();
  });

  test('a sender from another origin is refused before validation or handling', async () => {
    const h = handlers();
    const result = await createRouter(h, (o) => o === trusted).dispatch('appInfo', {}, { senderOrigin: 'https://example.invalid' });
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    expect(h.appInfo).not.toHaveBeenCalled();
  });

  test('a throwing handler yields an error envelope, with a service error keeping its code', async () => {
    const log = vi.fn();
    const router = createRouter(
      handlers({
        settingsGet: () => {
          throw new ServiceError('SETTINGS_DAMAGED', '設定ファイルが破損しています');
        },
        appInfo: () => {
          throw new Error('boom');
        },
      }),
      () => true,
      log,
    );
    await expect(router.dispatch('settingsGet', {}, { senderOrigin: trusted })).resolves.toEqual({
      ok: false,
      error: { code: 'SETTINGS_DAMAGED', message: '設定ファイルが破損しています' },
    });
    await expect(router.dispatch('appInfo', {}, { senderOrigin: trusted })).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(log).toHaveBeenCalledWith(expect.stringContaining('boom'));
  });

  test('a response that breaks the contract is not sent to the renderer', async () => {
    const router = createRouter(
      handlers({ settingsGet: () => ({ officeName: 1 }) as never }),
      () => true,
      () => {},
    );
    await expect(router.dispatch('settingsGet', {}, { senderOrigin: trusted })).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  test('an unknown method is refused', async () => {
    const result = await createRouter(handlers(), () => true).dispatch('nope' as never, {}, { senderOrigin: trusted });
    expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  });
});
