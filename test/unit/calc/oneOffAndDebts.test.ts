import { describe, expect, test } from 'vitest';
import { advancementPreparationBenefit } from '../../../shared/calc/advancementPreparationBenefit.js';
import { benefitOffset, collection77bis, collection78, installmentSchedule, refund63 } from '../../../shared/calc/debts.js';
import { employmentIndependenceBenefit } from '../../../shared/calc/employmentIndependenceBenefit.js';
import { recalc } from '../../../shared/calc/recalc.js';
import { members } from './helpers.js';

describe('就労自立給付金 (§7; formula unverified, so always 要確認)', () => {
  const earnings = { '2026-04': 100000, '2026-05': 100000, '2026-06': 100000, '2026-07': 100000, '2026-08': 100000, '2026-09': 100000, '2026-10': 999999 };
  test('6 months before the termination month × 30%, capped', () => {
    const r = employmentIndependenceBenefit({
      terminationMonth: '2026-10',
      householdSize: 2,
      earnedIncomeByMonth: earnings,
      eligibility: { stableEmploymentEndedAssistance: true, receivedWithinPast3Years: false },
    });
    expect(r.amount).toBe(150000);
    expect(r.lines[0]!.needsConfirmation).toBe(true);
    const single = employmentIndependenceBenefit({
      terminationMonth: '2026-10',
      householdSize: 1,
      earnedIncomeByMonth: { '2026-09': 50000 },
      eligibility: { stableEmploymentEndedAssistance: true, receivedWithinPast3Years: false },
    });
    expect(single.amount).toBe(20000); // 15,000 raised to the (unverified) minimum
  });
  test('not eligible without stable employment ending assistance', () => {
    const r = employmentIndependenceBenefit({
      terminationMonth: '2026-10',
      householdSize: 1,
      earnedIncomeByMonth: earnings,
      eligibility: { stableEmploymentEndedAssistance: false, receivedWithinPast3Years: false },
    });
    expect(r).toMatchObject({ eligible: false, amount: 0 });
  });
});

describe('進学・就職準備給付金 (§8)', () => {
  const base = { birthDate: '2008-06-01', applicationDate: '2027-02-01', movingOut: false, ordinanceExtension: false };
  test('100,000 at home, 300,000 moving', () => {
    expect(advancementPreparationBenefit({ ...base, path: { kind: 'education', certainEnrolment: true } }).amount).toBe(100000);
    expect(advancementPreparationBenefit({ ...base, movingOut: true, path: { kind: 'education', certainEnrolment: true } }).amount).toBe(300000);
  });
  test('the 18-year rule and the 2024-01-01 employment rule', () => {
    expect(advancementPreparationBenefit({ ...base, applicationDate: '2027-04-01', path: { kind: 'education', certainEnrolment: true } }).eligible).toBe(false);
    expect(advancementPreparationBenefit({ ...base, path: { kind: 'employment', stableEmployment: true, employmentStartDate: '2027-04-01' } }).eligible).toBe(
      true,
    );
    expect(
      advancementPreparationBenefit({
        ...base,
        birthDate: '2005-06-01',
        applicationDate: '2023-12-01',
        path: { kind: 'employment', stableEmployment: true, employmentStartDate: '2023-12-15' },
      }).eligible,
    ).toBe(false);
  });
});

describe('返還金・徴収金 (§10)', () => {
  test('63条: received less deductions with reasons, in installments', () => {
    const r = refund63({
      benefitReceived: 100000,
      deductions: [{ reason: '自立更生（就職用スーツ）', amount: 20000 }],
      monthlyInstallment: 30000,
      startMonth: '2026-11',
    });
    expect(r.amount).toBe(80000);
    expect(r.schedule).toEqual([
      { month: '2026-11', amount: 30000 },
      { month: '2026-12', amount: 30000 },
      { month: '2027-01', amount: 20000 },
    ]);
    expect(collection77bis(r, '2026-11-01', false).collectable).toBe(true);
  });
  test('78条: up to 40% added', () => {
    expect(collection78({ wrongfulAmount: 100000, collectAmount: 100000, surchargePercent: 40, monthlyInstallment: 10000, startMonth: '2026-11' }).amount).toBe(
      140000,
    );
    expect(() =>
      collection78({ wrongfulAmount: 100000, collectAmount: 100000, surchargePercent: 41, monthlyInstallment: 10000, startMonth: '2026-11' }),
    ).toThrow(/40/);
    expect(installmentSchedule(140000, 10000, '2026-11')).toHaveLength(14);
  });
  test("78条の2: only with the recipient's request and the office's finding", () => {
    const input = { benefit: 80000, debtBalance: 140000, requestedAmount: 5000, recipientRequested: true, officeFindsMinimumMaintained: true };
    expect(benefitOffset(input).amount).toBe(5000);
    expect(benefitOffset({ ...input, recipientRequested: false }).amount).toBe(0);
    expect(benefitOffset({ ...input, officeFindsMinimumMaintained: false }).amount).toBe(0);
  });
});

describe('recalc (一括認定)', () => {
  test('recalculates every household for the new month and reports the invalid ones', () => {
    const summary = recalc([{ caseId: 'K-1', month: '2026-09', members: members('2026-10', 45) }, { members: [] }], '2026-10');
    expect(summary).toMatchObject({ count: 2, succeeded: 1, failed: 1 });
    expect(summary.entries[0]).toMatchObject({ caseId: 'K-1', ok: true, result: { month: '2026-10', totals: { seikatsuFujoHontai: 71580 } } });
    expect(summary.entries[1]).toMatchObject({ ok: false, issues: [{ path: 'households[1].members' }] });
  });
});
