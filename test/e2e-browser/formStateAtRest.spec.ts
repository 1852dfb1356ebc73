import { chromium } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import config, { testPort } from '../playwright.config';
import { caseworker, createHousehold, goToHash } from './casesFixtures';
import { ensureStaff, expect, test, unlock } from './fixtures';
import { foundIn } from './profileScan';

/**
 * Issue 11, finding 1: what is typed into a form — saved or not — must not reach the browser profile through
 * Chromium's own form-state saving (session history, form restore, autofill). A control form without the attribute,
 * on the same page and profile, shows the scanner would find it.
 */

test.beforeEach(async ({ office, request }) => {
  expect(office).toBeDefined();
  await ensureStaff(request, caseworker);
});

test('text typed into the forms, saved or not, is in no file of the browser profile', async () => {
  const userDataDir = mkdtempSync(join(tmpdir(), 'seiho-formstate-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    ...config.use?.launchOptions,
    baseURL: `http://127.0.0.1:${testPort}`,
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
  });
  const typed = {
    note: '押入れの奥に未開封の督促状が三通あった',
    situation: '長男とは十年以上連絡が途絶えている様子',
    control: '対照用の入力は保存されるはずの文字列',
  };
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await unlock(page, caseworker);
    await createHousehold(page, {
      caseNumber: 'F-4001',
      address: '加須市北大桑二百番地',
      head: { name: '北川 静', kana: 'きたがわ しずか', birthDate: '1950-02-02' },
    });
    // Typed and left unsaved: only the browser's form-state saving could keep these.
    await page.getByRole('tab', { name: 'ケース記録' }).click();
    await page.getByRole('textbox', { name: '内容' }).fill(typed.note);
    await page.getByRole('tab', { name: '相談・申請' }).click();
    await page.getByRole('textbox', { name: '生活状況' }).fill(typed.situation);
    // The control: a form of the same page without autocomplete=off.
    await page.evaluate(() => {
      const form = document.createElement('form');
      const area = document.createElement('textarea');
      area.name = 'control';
      area.setAttribute('aria-label', '対照');
      form.append(area);
      document.body.append(form);
    });
    await page.getByRole('textbox', { name: '対照' }).fill(typed.control);
    // Leave the page, so its state is written to the session history, then close the browser.
    await goToHash(page, '#/');
    await page.goto('about:blank');
    await context.close();

    expect(foundIn(userDataDir, [typed.control])).toEqual([typed.control]);
    expect(foundIn(userDataDir, [typed.note, typed.situation])).toEqual([]);
  } finally {
    await context.close().catch(() => {});
    rmSync(userDataDir, { recursive: true, force: true });
  }
});
