// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, expect, test, vi } from 'vitest';
import { uuidv7 } from '../../shared/ids/uuidv7.js';
import type { SeihoApi } from '../../shared/ipc/api.js';
import type { RequestOf } from '../../shared/ipc/contract.js';
import { openTestStore, seedOffice, session } from '../unit/data/fixtures.js';
import { unlockedFor, type TestUnlocked } from './unlockedFor.js';

let unlocked: TestUnlocked;
vi.mock('../../renderer/session/SessionProvider', () => ({ useUnlocked: () => unlocked, useServices: () => unlocked.services }));
const { DevicesPanel } = await import('../../renderer/features/sync/DevicesPanel.js');

afterEach(cleanup);

const key = () => Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64');
const ok = <T,>(value: T) => ({ ok: true as const, value });

/** The hub's administrator on a real store; main's side of enrolment is what the contract answers (the file and the keys). */
async function hubAdmin() {
  const { store } = await openTestStore('hub');
  const seeded = await seedOffice(store);
  const vaultUsers = [
    { id: seeded.ids.cwA, loginId: 'cw-a', name: '担当A', role: 'caseworker' },
    { id: seeded.ids.cwB, loginId: 'cw-b', name: '担当B', role: 'caseworker' },
    { id: seeded.ids.admin, loginId: 'kanri01', name: '管理 花子', role: 'systemAdmin' },
  ].map((u) => ({
    userId: u.id,
    loginId: u.loginId,
    profile: { displayName: u.name, role: u.role, teamId: null },
    status: 'active',
    locked: false,
    failedAttempts: 0,
    passphraseChangedAt: null,
  }));
  const enrolled: RequestOf<'syncEnrol'>[] = [];
  window.seiho = {
    usersList: async () => ok({ users: vaultUsers }),
    syncEnrol: async (request: RequestOf<'syncEnrol'>) => {
      enrolled.push(request);
      return ok({
        deviceId: uuidv7(),
        file: '/共有/同期/訪問用PC 1.seihoenrol',
        code: 'K7QX-3MZD-9PRT-W4HB',
        signPublicKey: key(),
        boxPublicKey: key(),
        createdAt: new Date().toISOString(),
      });
    },
  } as unknown as SeihoApi;
  unlocked = unlockedFor(store, session('systemAdmin', seeded.ids.admin, null, 'hub'), '管理 花子', 'kanri01');
  return { store, seeded, enrolled };
}

test('管理 › 端末: enrol through the form (refused with nobody ticked), the code shown once until dismissed, then change the caseloads and revoke with a reason', async () => {
  const { store, seeded, enrolled } = await hubAdmin();
  render(<DevicesPanel />);
  const form = await screen.findByRole('form', { name: '端末の登録' });
  await screen.findByText('登録された端末はまだありません。');

  // Nothing ticked: refused on the group, in Japanese, and nothing asked of main.
  fireEvent.change(within(form).getByLabelText('端末名'), { target: { value: '訪問用PC 1' } });
  fireEvent.click(within(form).getByRole('button', { name: '登録ファイルを作成' }));
  expect(await within(form).findByText('この端末を使う利用者: 端末を使う利用者を1人以上選んでください')).toBeTruthy();
  expect(enrolled).toEqual([]);

  fireEvent.click(within(form).getByRole('checkbox', { name: /担当A（cw-a・/ }));
  fireEvent.click(within(form).getByRole('checkbox', { name: '担当Aの担当ケース' }));
  fireEvent.click(within(form).getByRole('button', { name: '登録ファイルを作成' }));
  const shown = await screen.findByRole('region', { name: '登録コード（この画面でだけ表示します）' });
  expect(shown.textContent).toContain('K7QX-3MZD-9PRT-W4HB');
  expect(enrolled).toEqual([{ profile: 'field', name: '訪問用PC 1', userIds: [seeded.ids.cwA], caseloadUserIds: [seeded.ids.cwA] }]);
  const row = await screen.findByRole('row', { name: /訪問用PC 1/ });
  expect(row.textContent).toContain('担当A');
  expect(row.textContent).toContain('未同期');
  fireEvent.click(within(shown).getByRole('button', { name: '控えました（コードを消す）' }));
  await waitFor(() => expect(screen.queryByText('K7QX-3MZD-9PRT-W4HB')).toBeNull());

  fireEvent.click(screen.getByRole('button', { name: '訪問用PC 1の担当ケースを変更' }));
  const caseloads = await screen.findByRole('form', { name: '訪問用PC 1の担当ケース' });
  fireEvent.click(within(caseloads).getByRole('checkbox', { name: '担当Bの担当ケース' }));
  fireEvent.click(within(caseloads).getByRole('button', { name: '変更する' }));
  await screen.findByText(/訪問用PC 1の担当ケースを変更しました/);
  const [device] = await store.db.devices.toArray();
  expect(device && 'caseloadUserIds' in device ? device.caseloadUserIds : null).toEqual([seeded.ids.cwA, seeded.ids.cwB]);

  fireEvent.click(screen.getByRole('button', { name: '訪問用PC 1を失効' }));
  const revoke = await screen.findByRole('form', { name: '訪問用PC 1を失効させますか？' });
  fireEvent.click(within(revoke).getByRole('button', { name: '失効させる' }));
  expect(await within(revoke).findByText('失効の理由: 失効の理由を入力してください')).toBeTruthy();
  fireEvent.change(within(revoke).getByLabelText('失効の理由'), { target: { value: '訪問中に紛失' } });
  fireEvent.click(within(revoke).getByRole('button', { name: '失効させる' }));
  await screen.findByText('訪問用PC 1を失効させました。この端末からの同期バンドルは以後受け付けません。');
  await waitFor(() => expect(screen.getByRole('row', { name: /訪問用PC 1/ }).textContent).toContain('理由: 訪問中に紛失'));
  expect(screen.queryByRole('button', { name: '訪問用PC 1を失効' })).toBeNull();
});
