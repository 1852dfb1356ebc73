// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, expect, test, vi } from 'vitest';
import { inProcessMain } from '../../unit/shell/inProcessMain.js';
import { openTestStore, seedOffice, session } from '../../unit/data/fixtures.js';
import { unlockedFor, type TestUnlocked } from '../unlockedFor.js';

// The screens read the services from the unlocked app; here they are built over a real store and main's real handlers.
let unlocked: TestUnlocked;
vi.mock('../../../renderer/session/SessionProvider', () => ({ useUnlocked: () => unlocked, useServices: () => unlocked.services }));

const { SettingsScreen } = await import('../../../renderer/features/settings/SettingsScreen.js');
const { LinkageSettingsPanel } = await import('../../../renderer/features/linkage/LinkageSettingsPanel.js');

afterEach(cleanup);

let main: Awaited<ReturnType<typeof inProcessMain>>;
beforeAll(async () => {
  main = await inProcessMain();
  window.seiho = main.api();
  const { store } = await openTestStore();
  const { ids } = await seedOffice(store);
  unlocked = unlockedFor(store, session('systemAdmin', ids.admin), '管理 花子', 'kanri01');
});

const field = (within_: HTMLElement, label: string) => within(within_).getByLabelText(label) as HTMLInputElement;

test('a change saved elsewhere shows in the open 設定 screen at once, and an edit in progress there is kept', async () => {
  render(<SettingsScreen />);
  const form = screen.getByRole('heading', { name: '設定' }).parentElement!;
  await waitFor(() => expect(field(form, '事務所名').value).toBe('加須市福祉事務所'));
  fireEvent.change(field(form, '事務所名'), { target: { value: '加須市福祉事務所（本所）' } });

  // Another window saves the municipality: only main's settingsChanged can bring it here.
  await main.value('settingsUpdate', { defaultMunicipality: '行田市' });
  await waitFor(() => expect(field(form, '既定の市町村').value).toBe('行田市'));
  expect(field(form, '事務所名').value).toBe('加須市福祉事務所（本所）');

  fireEvent.click(within(form).getByRole('button', { name: '保存する' }));
  await screen.findByText('設定を保存しました。');
  expect(await main.value('settingsGet')).toMatchObject({ officeName: '加須市福祉事務所（本所）', defaultMunicipality: '行田市' });
});

test('two screens open side by side: each saves its own fields, neither undoes the other, and each shows the other’s change', async () => {
  render(
    <>
      <SettingsScreen />
      <LinkageSettingsPanel />
    </>,
  );
  const settings = screen.getByRole('heading', { name: '設定' }).parentElement!;
  const linkage = screen.getByRole('heading', { name: '連携設定' }).parentElement!;
  await waitFor(() => expect(within(linkage).getByRole('button', { name: '保存する' })).toHaveProperty('disabled', false));
  await waitFor(() => expect(within(settings).getByRole('button', { name: '保存する' })).toHaveProperty('disabled', false));

  fireEvent.change(field(settings, '自動ロックまでの時間（分）'), { target: { value: '15' } });
  fireEvent.change(field(linkage, '団体コード'), { target: { value: '112101' } });
  fireEvent.click(within(linkage).getByRole('button', { name: '保存する' }));
  await within(linkage).findByText('連携設定を保存しました。');
  fireEvent.click(within(settings).getByRole('button', { name: '保存する' }));
  await within(settings).findByText('設定を保存しました。');

  expect(await main.value('settingsGet')).toMatchObject({ idleLockMinutes: 15, linkage: { officeCode: '112101' } });
  // Saved in the 設定 screen, heard by the 連携設定 form and back: both show what is stored.
  await main.value('settingsUpdate', { linkage: { payerNumber: '12110010' } });
  await waitFor(() => expect(field(linkage, '公費負担者番号').value).toBe('12110010'));
  expect(field(linkage, '団体コード').value).toBe('112101');
  expect(field(settings, '自動ロックまでの時間（分）').value).toBe('15');
});
