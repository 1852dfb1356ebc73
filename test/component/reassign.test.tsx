// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, expect, test, vi } from 'vitest';
import { uuidv7 } from '../../shared/ids/uuidv7.js';
import { household, openTestStore, seedOffice, session } from '../unit/data/fixtures.js';
import { unlockedFor, type TestUnlocked } from './unlockedFor.js';

let unlocked: TestUnlocked;
vi.mock('../../renderer/session/SessionProvider', () => ({ useUnlocked: () => unlocked, useServices: () => unlocked.services }));
const { MemoryRouter } = await import('react-router');
const { ReassignScreen } = await import('../../renderer/features/cases/ReassignScreen.js');

afterEach(cleanup);

/** The hub of an office where caseworker A (team 1) has three cases and C joins team 1. */
async function office() {
  const t = await openTestStore('hub');
  const seeded = await seedOffice(t.store);
  const cwC = uuidv7();
  await t.store.db.users.put({
    id: cwC,
    officeId: 'office-1',
    status: 'active',
    teamId: 'team-1',
    role: 'caseworker',
    name: '担当C',
    hlc: t.store.clock.stamp(),
  });
  const more = [household(seeded.ids.cwA, { caseNumber: 'K-0002' }), household(seeded.ids.cwA, { caseNumber: 'K-0003' })];
  await t.store.db.households.bulkPut(more.map((h) => ({ ...h, hlc: t.store.clock.stamp() })));
  return { ...t, ...seeded, cwC, more };
}

const show = () =>
  render(
    <MemoryRouter>
      <ReassignScreen />
    </MemoryRouter>,
  );

test('担当の一括変更: the SV picks A, unticks one case, moves the rest to C; the data layer holds the move and the list follows', async () => {
  const t = await office();
  unlocked = unlockedFor(t.store, session('supervisor', t.ids.sv1, 'team-1', 'hub'), '査察S', 'sv');
  show();
  fireEvent.change(await screen.findByLabelText('現在の担当'), { target: { value: t.ids.cwA } });
  const cases = screen.getByRole('group', { name: /担当を変更するケース/ });
  expect(within(cases).getAllByRole('checkbox')).toHaveLength(3);
  fireEvent.click(within(cases).getByRole('checkbox', { name: /K-0003/ }));
  expect(cases.textContent).toContain('2件を選択中');
  // Only team 1's caseworkers are offered: B (team 2) is not.
  const to = screen.getByLabelText('新しい担当') as HTMLSelectElement;
  expect([...to.options].map((o) => o.textContent)).toEqual(['選択してください', '担当A', '担当C']);
  fireEvent.change(to, { target: { value: t.cwC } });
  fireEvent.click(screen.getByRole('button', { name: '担当を変更する' }));
  expect(await screen.findByText('2件のケースの担当を担当Aから担当Cに変更しました。次回の同期で各端末に反映されます。')).toBeTruthy();
  const [k2, k3] = t.more;
  expect((await t.store.db.households.get(k2!.id))?.assignedTo).toBe(t.cwC);
  expect((await t.store.db.households.get(k3!.id))?.assignedTo).toBe(t.ids.cwA);
  expect((await t.store.db.households.get(t.hA.id))?.assignedTo).toBe(t.cwC);
  // The list reads again: A keeps one case, C has two.
  await waitFor(() => expect(screen.getByRole('option', { name: '担当A（1件）' })).toBeTruthy());
  expect(screen.getByRole('option', { name: '担当C（2件）' })).toBeTruthy();
});

test('nothing chosen is refused on the screen, naming what is missing; nothing changes', async () => {
  const t = await office();
  unlocked = unlockedFor(t.store, session('supervisor', t.ids.sv1, 'team-1', 'hub'), '査察S', 'sv');
  show();
  fireEvent.change(await screen.findByLabelText('現在の担当'), { target: { value: t.ids.cwA } });
  fireEvent.click(screen.getByRole('button', { name: '担当を変更する' }));
  expect((await screen.findByRole('alert')).textContent).toBe('新しい担当: 選択してください');
  expect((await t.store.db.households.get(t.hA.id))?.assignedTo).toBe(t.ids.cwA);
});
