// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test, vi } from 'vitest';
import { defaultVisitGrades } from '../../shared/casework/visitPlan.js';
import { contract } from '../../shared/ipc/contract.js';
import { createRouter } from '../../main/ipc/router.js';
import { createHandlers } from '../../main/services/handlers.js';
import { argon2idPresets, createInlineKdf } from '../../main/vault/kdf.js';
import { buildApi } from '../../main/preload/index.js';
import { ErrorBoundary } from '../../renderer/app/ErrorBoundary.js';
import { seihoApi } from '../../renderer/api/seihoApi.js';
import { SettingsScreen } from '../../renderer/features/settings/SettingsScreen.js';
import { settingsServices } from '../../renderer/services/settings.js';
import type { SeihoApi } from '../../shared/ipc/api.js';

// The preload needs electron only for `exposeInMainWorld`; the api itself is built from the fake ipcRenderer below.
vi.mock('electron', () => ({ contextBridge: { exposeInMainWorld: () => {} }, ipcRenderer: {} }));
// The settings screen reads and saves through services.settings; here that service alone, over the test's window.seiho.
const windowApi = new Proxy({} as SeihoApi, { get: (_, name) => (window.seiho as unknown as Record<string | symbol, unknown>)[name] });
const services = settingsServices({ api: windowApi });
vi.mock('../../renderer/session/SessionProvider', () => ({ useServices: () => services }));

afterEach(cleanup);

/** The real preload api, wired to the real router and services, as Electron would wire them. */
async function installRealApi() {
  const { handlers } = createHandlers({
    dataDir: mkdtempSync(join(tmpdir(), 'seiho-comp-')),
    host: 'electron',
    appVersion: 't',
    platform: 'linux',
    emit: () => {},
    vaultOptions: { kdf: createInlineKdf(), policy: { kdfCost: argon2idPresets.MIN } },
  });
  const router = createRouter(handlers, () => true);
  // Settings belong to the administrator: set the office up and unlock as its administrator first.
  const admin = { loginId: 'kanri01', displayName: '管理 花子', passphrase: 'さくら並木の朝は早い-2026' };
  await router.dispatch(
    'officeSetup',
    { officeName: '加須市福祉事務所', municipality: '加須市', deviceProfile: 'office', admin },
    { senderOrigin: 'app://seiho' },
  );
  await router.dispatch('vaultUnlock', { loginId: admin.loginId, passphrase: admin.passphrase }, { senderOrigin: 'app://seiho' });
  const byChannel = new Map(Object.entries(contract).map(([method, entry]) => [entry.channel, method]));
  window.seiho = buildApi({
    invoke: (channel: string, request: unknown) => router.dispatch(byChannel.get(channel) as never, request, { senderOrigin: 'app://seiho' }),
    on: () => {},
    removeListener: () => {},
  } as never) as never;
}

function Broken({ explode }: { explode: boolean }): never | null {
  if (explode) throw new Error('テスト用の失敗');
  return null;
}

test('the error boundary shows a Japanese message and lets the user carry on', () => {
  vi.spyOn(console, 'error').mockImplementation(() => {});
  let explode = true;
  const { rerender } = render(
    <ErrorBoundary>
      <Broken explode={explode} />
      <p>画面の内容</p>
    </ErrorBoundary>,
  );
  expect(screen.getByRole('alert').textContent).toContain('画面を表示できませんでした');
  expect(screen.getByRole('alert').textContent).toContain('テスト用の失敗');
  explode = false;
  rerender(
    <ErrorBoundary>
      <Broken explode={explode} />
      <p>画面の内容</p>
    </ErrorBoundary>,
  );
  fireEvent.click(screen.getByRole('button', { name: '再表示する' }));
  expect(screen.queryByRole('alert')).toBeNull();
  expect(screen.getByText('画面の内容')).toBeTruthy();
});

test('the settings screen loads what set-up stored, refuses an empty name on blur, and saves through the contract', async () => {
  await installRealApi();
  render(<SettingsScreen />);
  const name = (await screen.findByLabelText('事務所名')) as HTMLInputElement;
  await waitFor(() => expect(name.value).toBe('加須市福祉事務所'));
  expect((screen.getByLabelText('既定の市町村') as HTMLInputElement).value).toBe('加須市');
  fireEvent.change(name, { target: { value: '' } });
  fireEvent.blur(name);
  expect(await screen.findByText('事務所名: 事務所名を入力してください')).toBeTruthy();
  fireEvent.change(name, { target: { value: '加須市福祉事務所 生活福祉課' } });
  fireEvent.click(screen.getByRole('button', { name: '保存する' }));
  await screen.findByText('設定を保存しました。');
  const stored = await window.seiho!.settingsGet({});
  // Only the changed field is saved: the grades, untouched, stay the defaults rather than becoming the office's own.
  expect(stored).toEqual({ ok: true, value: { officeName: '加須市福祉事務所 生活福祉課', defaultMunicipality: '加須市', idleLockMinutes: 10 } });
});

test("the office's visit grades are edited in the settings: a duplicate code is the code's error, a new grade is saved", async () => {
  await installRealApi();
  render(<SettingsScreen />);
  await waitFor(() => expect(screen.getAllByLabelText('記号')).toHaveLength(defaultVisitGrades.length));
  fireEvent.click(screen.getByRole('button', { name: '格付けを追加' }));
  const added = screen.getByRole('group', { name: `格付け${defaultVisitGrades.length + 1}` });
  const field = (label: string) => within(added).getByLabelText(label) as HTMLInputElement;
  fireEvent.change(field('記号'), { target: { value: 'A' } });
  fireEvent.change(field('名称'), { target: { value: '年1回' } });
  fireEvent.change(field('訪問間隔（月）'), { target: { value: '１２' } });
  fireEvent.click(screen.getByRole('button', { name: '保存する' }));
  expect(await within(added).findByText('記号: 格付けの記号が重複しています')).toBeTruthy();
  fireEvent.change(field('記号'), { target: { value: 'E' } });
  fireEvent.click(screen.getByRole('button', { name: '保存する' }));
  await screen.findByText('設定を保存しました。');
  // Read as the screen reads (the renderer keeps the first api it finds, which may be an earlier test's).
  const stored = await seihoApi().settingsGet({});
  expect(stored.ok && stored.value.visitGrades?.at(-1)).toEqual({ code: 'E', label: '年1回', intervalMonths: 12 });
});
