import { settingFingerprint } from '../../main/settings/settingsAudit';
import { lock } from './casesFixtures';
import { auditor } from './caseworkSteps';
import { admin, callApi, ensureStaff, expect, test, unlock } from './fixtures';
import { openLinkageArea } from './linkageSteps';

interface LinkageInfo {
  fingerprint: string;
  decryptionKey: { fingerprint: string };
  generations: { signing: number; decryption: number };
}

test('the administrator rotates the office’s signing and decryption keys in 連携設定; the auditor reads both changes with fingerprints', async ({
  page,
  request,
  office,
}) => {
  expect(office).toBeTruthy();
  await ensureStaff(request, auditor);
  await unlock(page, admin);
  const before = await callApi<LinkageInfo>(request, 'linkageInfo');
  await openLinkageArea(page, '連携設定');
  const officeKey = page.getByRole('region', { name: 'この事務所の公開鍵' });
  await expect(officeKey).toContainText(`${before.fingerprint}（第${before.generations.signing}世代）`);

  await test.step('the signing key: confirmed, then in force, and shown for reading back', async () => {
    await officeKey.getByRole('button', { name: '署名鍵を切り替える' }).click();
    const confirm = officeKey.getByRole('region', { name: '署名鍵の切替' });
    await expect(confirm).toContainText('今の署名鍵でも裏書きします');
    // Cancelling changes nothing.
    await confirm.getByRole('button', { name: 'やめる' }).click();
    await expect(confirm).toBeHidden();
    expect((await callApi<LinkageInfo>(request, 'linkageInfo')).generations).toEqual(before.generations);

    await officeKey.getByRole('button', { name: '署名鍵を切り替える' }).click();
    await confirm.getByRole('button', { name: `第${before.generations.signing + 1}世代に切り替える` }).click();
    await expect(officeKey.getByRole('status').filter({ hasText: '署名鍵を' })).toHaveText(`署名鍵を第${before.generations.signing + 1}世代に切り替えました。`);
    const after = await callApi<LinkageInfo>(request, 'linkageInfo');
    expect(after.generations).toEqual({ signing: before.generations.signing + 1, decryption: before.generations.decryption });
    expect(after.fingerprint).not.toBe(before.fingerprint);
    expect(after.decryptionKey.fingerprint).toBe(before.decryptionKey.fingerprint);
    await expect(officeKey).toContainText(`${after.fingerprint}（第${after.generations.signing}世代）`);
  });

  await test.step('the decryption key', async () => {
    await officeKey.getByRole('button', { name: '復号鍵を切り替える' }).click();
    await officeKey
      .getByRole('region', { name: '復号鍵の切替' })
      .getByRole('button', { name: `第${before.generations.decryption + 1}世代に切り替える` })
      .click();
    await expect(officeKey.getByRole('status').filter({ hasText: '復号鍵を' })).toBeVisible();
    const after = await callApi<LinkageInfo>(request, 'linkageInfo');
    expect(after.generations.decryption).toBe(before.generations.decryption + 1);
    expect(after.decryptionKey.fingerprint).not.toBe(before.decryptionKey.fingerprint);
    await expect(officeKey).toContainText(`${after.decryptionKey.fingerprint}（第${after.generations.decryption}世代）`);
  });

  await test.step('the auditor sees each change as a security-relevant setting, by whom, with fingerprints only', async () => {
    await lock(page);
    await unlock(page, auditor);
    await page.goto('/#/audit');
    const log = page.getByRole('table', { name: '監査ログ' });
    const { signing, decryption } = before.generations;
    // An office that never rotated has no generations stored: its first change is from 未設定.
    const fingerprint = (generations: LinkageInfo['generations'] | null) => settingFingerprint('linkage.officeKeys', generations) ?? '未設定';
    const first = fingerprint(signing === 1 && decryption === 1 ? null : before.generations);
    const second = fingerprint({ signing: signing + 1, decryption });
    const third = fingerprint({ signing: signing + 1, decryption: decryption + 1 });
    for (const transition of [`${first} → ${second}`, `${second} → ${third}`]) {
      const row = log.getByRole('row').filter({ hasText: `事務所の鍵の世代: 指紋 ${transition}` });
      await expect(row).toHaveCount(1, { timeout: 10_000 });
      await expect(row).toContainText('安全に関わる設定の変更');
      await expect(row).toContainText(admin.displayName);
    }
  });
});
