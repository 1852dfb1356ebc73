import { chromium, type Page } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import config, { testPort } from '../playwright.config';
import { caseworker, colleague, fillNewCase, goToHash, introduce, lock, validMyNumber } from './casesFixtures';
import { auditor, startCaseCalculation } from './caseworkSteps';
import { admin, callApi, ensureStaff, expect, test, unlock } from './fixtures';
import { contentsOf, controlStatesIn, foundIn, type ControlState } from './profileScan';

/**
 * Issue 11, findings 1 and 8: what is typed into any form of the product — saved or not, text, choice or checkbox —
 * must not reach the browser profile through Chromium's own saving of page state (session restore, back-forward
 * cache, autofill, spellcheck), nor the app's data folder in clear. A control form without the attribute, on the same
 * page and profile, and a cookie Chromium encrypts show that the scan finds what it looks for.
 */

test.beforeEach(async ({ office, request }) => {
  expect(office).toBeDefined();
  await ensureStaff(request, caseworker);
  await ensureStaff(request, colleague);
  await ensureStaff(request, auditor);
  // The caseworker types into the 相談 form below: the office lets 地区担当員 record 相談 (an office setting).
  await callApi(request, 'vaultUnlock', { loginId: admin.loginId, passphrase: admin.passphrase });
  await callApi(request, 'settingsUpdate', { consultationTakers: 'intakeOfficersAndCaseworkers' });
  await callApi(request, 'vaultLock', { reason: 'manual' });
});

/**
 * Controls on screen whose value the browser may keep: a select outside a form that says autocomplete="off" (Blink
 * saves a select's choice whatever the select itself says), an input or textarea that neither it nor its form turns
 * off, and any password input (on submit Chromium's password manager writes the field next to it into "Login Data").
 */
const rememberedControls = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>('input, select, textarea')]
      .filter((control) => !['hidden', 'button', 'submit', 'reset'].includes(control.type))
      .filter(
        (control) =>
          control.type === 'password' ||
          (control.form?.getAttribute('autocomplete') !== 'off' && (control instanceof HTMLSelectElement || control.getAttribute('autocomplete') !== 'off')),
      )
      .map((control) => `${control.type} ${control.name || control.id}`),
  );

/** Soft: every screen's uncovered controls are reported, and the scan below still runs. Waits for the screen to load. */
async function expectNothingRemembered(page: Page, where: string) {
  await expect(page.getByRole('main').getByRole('heading').first()).toBeVisible();
  await expect(page.getByRole('main').getByText(/読み込んでいます|集計中/)).toHaveCount(0);
  expect.soft(await rememberedControls(page), where).toEqual([]);
}

/**
 * Goes to another screen and back through the browser's history, as a user would: leaving is when the browser files
 * the state of the page's forms with the history entry, and coming back is when it would restore it.
 */
async function leaveAndReturn(page: Page) {
  const here = page.url();
  await goToHash(page, '#/');
  await page.goBack();
  await expect(page).toHaveURL(here);
}

test('nothing typed, chosen or ticked in any form is in any file of the profile or the data folder after the browser closes', async () => {
  test.setTimeout(120_000);
  const userDataDir = mkdtempSync(join(tmpdir(), 'seiho-formstate-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    ...config.use?.launchOptions,
    baseURL: `http://127.0.0.1:${testPort}`,
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
  });
  // Unique to this run, so nothing but this run's typing can match.
  const run = randomBytes(4).toString('hex');
  const mark = (text: string) => `${text}${run}`;
  const typed = {
    loginId: mark('login-'),
    passphrase: mark('打ちかけのパスフレーズ'),
    address: mark('加須市北大桑二百番地'),
    headName: mark('北川 静'),
    memberName: mark('北川 実'),
    note: mark('押入れの奥に未開封の督促状が三通あった'),
    purpose: mark('長男からの暴力を逃れて転居したい'),
    situation: mark('長男とは十年以上連絡が途絶えている様子'),
    advice: mark('配偶者暴力相談支援センターを案内した'),
    planNote: mark('月初めは通院のため不在がち'),
    observed: mark('腕に新しいあざがあった'),
    visitAdvice: mark('シェルターへの入所を勧めた'),
    narrative: mark('玄関先で長男の車を見かけた'),
    incomeNote: mark('元夫からの仕送りが月に一度ある'),
    inquiryReason: mark('元夫の課税状況を確かめるため'),
    decisionReason: mark('預金が尽き親族の援助も見込めないため'),
    search: mark('北川'),
    officeName: mark('加須市福祉事務所（仮）'),
    newLoginId: mark('new-'),
    newUserName: mark('新人 花子'),
  };
  const myNumber = validMyNumber('52830164975');
  // Choices and ticks: each control's name with a value chosen only here (the control form shows they are findable).
  const chosen: ControlState[] = [
    { name: 'sex', type: 'select-one', value: 'other' },
    { name: 'relation', type: 'select-one', value: '同居人' },
    { name: 'disability', type: 'select-one', value: 'B' },
    { name: 'nonDisclosure', type: 'checkbox', value: 'on' },
    { name: 'status', type: 'select-one', value: 'closed' },
    { name: 'kind', type: 'select-one', value: 'pension' },
    { name: 'careInsurance', type: 'select-one', value: 'secondary' },
  ];
  const control = { text: mark('対照用の入力は保存されるはずの文字列'), state: { name: `control${run}`, type: 'checkbox', value: 'on' } as ControlState };
  const controlCookie = mark('cookie-');
  try {
    const page = context.pages()[0] ?? (await context.newPage());

    await test.step('a login ID and passphrase typed and left on the lock screen', async () => {
      await introduce(page, colleague);
      await page.getByLabel('ログインID').fill(typed.loginId);
      await page.getByLabel('パスフレーズ').fill(typed.passphrase);
      await expectNothingRemembered(page, 'ロック画面');
      await page.goto('about:blank');
      await page.goBack();
    });

    await test.step('a new case with its 個人番号 masked while typed, revealed and hidden again from the keyboard', async () => {
      await unlock(page, caseworker);
      await fillNewCase(page, {
        caseNumber: `F-${run}`,
        address: typed.address,
        head: { name: typed.headName, kana: 'きたがわ しずか', birthDate: '1950-02-02' },
        myNumber,
      });
      // 保護中, so the decision wizard below offers a decision to draft.
      await page.getByLabel('状態', { exact: true }).selectOption('active');
      const head = page.getByRole('group', { name: '世帯主', exact: true });
      const numberField = head.getByLabel('個人番号', { exact: true });
      await expect(numberField).toHaveCSS('-webkit-text-security', 'disc');
      await expect(numberField).toHaveAttribute('autocomplete', 'off');
      await expect(numberField).toHaveAttribute('spellcheck', 'false');
      const reveal = head.getByRole('button', { name: '個人番号を表示' });
      await expect(reveal).toHaveAttribute('aria-pressed', 'false');
      await reveal.focus();
      await page.keyboard.press('Space');
      await expect(reveal).toHaveAttribute('aria-pressed', 'true');
      await expect(numberField).toHaveCSS('-webkit-text-security', 'none');
      await expect(numberField).toHaveValue(myNumber);
      await page.keyboard.press('Enter');
      await expect(numberField).toHaveCSS('-webkit-text-security', 'disc');
      await expectNothingRemembered(page, '新規ケース登録');
      await page.getByRole('button', { name: '登録する' }).click();
      await expect(page.getByRole('heading', { name: new RegExp(`^ケース F-${run}`) })).toBeVisible();
    });

    await test.step('a member with 性別, 続柄, 障害等級 and 不開示', async () => {
      await page.getByRole('tab', { name: '世帯員', exact: true }).click();
      await page.getByRole('button', { name: '世帯員を追加' }).click();
      const editor = page.getByRole('form', { name: '世帯員を追加' });
      await editor.getByLabel('氏名', { exact: true }).fill(typed.memberName);
      await editor.getByLabel('フリガナ', { exact: true }).fill('キタガワ ミノル');
      await editor.getByLabel('生年月日', { exact: true }).fill('2012-05-05');
      await editor.getByLabel('性別', { exact: true }).selectOption('other');
      await editor.getByLabel('続柄', { exact: true }).selectOption('同居人');
      await editor.getByLabel('障害等級', { exact: true }).selectOption('B');
      await editor.getByLabel('介護保険', { exact: true }).selectOption('secondary');
      await editor.getByRole('checkbox', { name: /不開示/ }).check();
      await expectNothingRemembered(page, '世帯員の追加');
      // Left unsaved: only the browser's saving of page state could keep it.
      await leaveAndReturn(page);
    });

    await test.step('case record, consultation, visit, income, 照会 and decision, typed and left unsaved', async () => {
      await page.getByRole('tab', { name: 'ケース記録', exact: true }).click();
      await page.getByLabel('内容', { exact: true }).fill(typed.note);
      await expectNothingRemembered(page, 'ケース記録');
      await leaveAndReturn(page);

      await page.getByRole('tab', { name: '相談・申請', exact: true }).click();
      await page.getByLabel('主訴', { exact: true }).fill(typed.purpose);
      await page.getByLabel('生活状況', { exact: true }).fill(typed.situation);
      await page.getByLabel('助言・他法他施策の案内').fill(typed.advice);
      await page.getByLabel('相談の結果').selectOption('closed');
      await expectNothingRemembered(page, '相談・申請');
      await leaveAndReturn(page);

      await page.getByRole('tab', { name: '訪問', exact: true }).click();
      await page.getByLabel('計画メモ', { exact: true }).fill(typed.planNote);
      await page.getByLabel('確認した状況', { exact: true }).fill(typed.observed);
      await page.getByLabel('助言・指導', { exact: true }).fill(typed.visitAdvice);
      await page.getByLabel('経過', { exact: true }).fill(typed.narrative);
      await expectNothingRemembered(page, '訪問');
      await leaveAndReturn(page);

      await page.getByRole('tab', { name: '収入', exact: true }).click();
      await page.getByLabel('収入の種類').selectOption('pension');
      await page.getByLabel('備考', { exact: true }).fill(typed.incomeNote);
      await expectNothingRemembered(page, '収入');
      await leaveAndReturn(page);

      await page.getByRole('tab', { name: '連携', exact: true }).click();
      const inquiry = page.getByRole('form', { name: '情報照会を依頼' });
      await inquiry.getByLabel('照会の理由').fill(typed.inquiryReason);
      await expectNothingRemembered(page, '連携');
      await leaveAndReturn(page);

      await page.getByRole('tab', { name: '保護の経過', exact: true }).click();
      await page.getByLabel('決定の理由').fill(typed.decisionReason);
      await page.getByRole('checkbox', { name: '医療扶助' }).check();
      await expectNothingRemembered(page, '保護の経過');
      await leaveAndReturn(page);

      // The other tabs hold forms too: each of their controls must be covered as well.
      for (const tab of ['世帯', '最低生活費', '医療券', '債権']) {
        await page.getByRole('tab', { name: tab, exact: true }).click();
        await expect(page.getByRole('tabpanel', { name: tab })).toBeVisible();
        await expectNothingRemembered(page, tab);
      }

      await goToHash(page, '#/cases');
      await page.getByLabel(/^検索/).fill(typed.search);
      await expectNothingRemembered(page, 'ケース一覧');
      for (const area of ['#/intake', '#/calc', '#/cases/visits']) {
        await goToHash(page, area);
        await expectNothingRemembered(page, area);
      }
      await startCaseCalculation(page, `F-${run} ${typed.address}`);
      await expectNothingRemembered(page, '保護費算定');
      await lock(page);
    });

    await test.step('the auditor’s screens', async () => {
      await unlock(page, auditor);
      await goToHash(page, '#/audit');
      await expectNothingRemembered(page, '監査');
      await page.getByRole('tab', { name: '提供・照会記録（番号法第23条）', exact: true }).click();
      await expectNothingRemembered(page, '提供・照会記録');
      await lock(page);
    });

    await test.step('the administrator’s settings and a new user, typed and left unsaved', async () => {
      await unlock(page, admin);
      await goToHash(page, '#/settings');
      await page.getByLabel('事務所名').fill(typed.officeName);
      await expectNothingRemembered(page, '設定');
      await goToHash(page, '#/admin');
      const create = page.getByRole('form', { name: /利用者/ });
      await create.getByLabel('ログインID').fill(typed.newLoginId);
      await create.getByLabel('氏名').fill(typed.newUserName);
      await expectNothingRemembered(page, '管理');
      for (const area of ['#/linkage', '#/figures']) {
        await goToHash(page, area);
        await expectNothingRemembered(page, area);
      }

      // The controls: a form of the same page without autocomplete=off, and a cookie (which Chromium encrypts).
      await page.evaluate((name) => {
        const form = document.createElement('form');
        const area = document.createElement('textarea');
        area.name = 'control';
        area.setAttribute('aria-label', '対照');
        const box = document.createElement('input');
        box.type = 'checkbox';
        box.name = name;
        box.setAttribute('aria-label', '対照の確認');
        form.append(area, box);
        document.body.append(form);
      }, control.state.name);
      await context.addCookies([{ name: 'control', value: controlCookie, url: page.url(), expires: Math.floor(Date.now() / 1000) + 3600 }]);
      await page.getByRole('textbox', { name: '対照' }).fill(control.text);
      await page.getByRole('checkbox', { name: '対照の確認' }).check();
    });

    // Leave the page and come back (history and back-forward cache), then close the browser.
    await goToHash(page, '#/');
    await page.goto('about:blank');
    await page.goBack();
    await expect(page.getByRole('button', { name: 'ログイン', exact: true })).toBeVisible();
    await context.close();

    const profile = contentsOf([userDataDir]);
    const dataFolder = contentsOf([process.env.SEIHO_TEST_DATA_DIR!]);
    const clearFilesOnly = { files: profile.files, decrypted: [] };
    // The scan finds what the browser keeps: the control form's text and tick, the cookie once decrypted.
    expect(foundIn(profile, [control.text])).toEqual([control.text]);
    expect(controlStatesIn(profile, [control.state])).toEqual([control.state]);
    expect(foundIn(clearFilesOnly, [controlCookie])).toEqual([]);
    expect(foundIn(profile, [controlCookie])).toEqual([controlCookie]);

    // Soft, so a failing run names every leak at once.
    const values = [...Object.values(typed), myNumber];
    expect.soft(foundIn(profile, values), 'typed text in the profile').toEqual([]);
    expect.soft(foundIn(dataFolder, values), 'typed text in the data folder').toEqual([]);
    expect.soft(controlStatesIn(profile, chosen), 'choices and ticks in the profile').toEqual([]);
    // Nor who signed in on this terminal.
    expect.soft(foundIn(profile, [caseworker.loginId, colleague.loginId, admin.loginId]), 'login IDs in the profile').toEqual([]);
  } finally {
    await context.close().catch(() => {});
    rmSync(userDataDir, { recursive: true, force: true });
  }
});
