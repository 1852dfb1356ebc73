import { addMonths, firstDayOf } from './dates.js';
import { line, yen, type CalcLine } from './lines.js';
import { standardTables, type StandardTables } from './tables/index.js';
import { inForce, inForceOrNull, provenance } from './tables/provenance.js';

/**
 * 就労自立給付金 (生活保護法 第55条の4; benefit-rules.md §7). The DESIGN formula — earned income of each of the 6
 * months before the termination month × 算定率, capped at 10万円 single / 15万円 otherwise — is applied with the rate as
 * a dated parameter. The formula, months and rate are unverified (❌), so every result is 要確認.
 */
export type EmploymentIndependenceInput = {
  /** 保護廃止月 (`YYYY-MM`). */
  terminationMonth: string;
  householdSize: number;
  /** 就労収入額 by month; months outside the 6 before termination are ignored. */
  earnedIncomeByMonth: Readonly<Record<string, number>>;
  eligibility: {
    /** 安定した職業に就いた（省令の事由）ことにより保護を要しなくなった. */
    stableEmploymentEndedAssistance: boolean;
    /** 再受給の制限（通説: 3年）— unverified, so it only flags. */
    receivedWithinPast3Years: boolean;
  };
};

export type EmploymentIndependenceResult = { eligible: boolean; amount: number; lines: CalcLine[]; reasons: string[] };

export function employmentIndependenceBenefit(input: EmploymentIndependenceInput, tables: StandardTables = standardTables): EmploymentIndependenceResult {
  const date = firstDayOf(input.terminationMonth);
  const rate = inForce(tables.employmentIndependenceRate, date);
  const caps = inForce(tables.employmentIndependenceCaps, date);
  const single = input.householdSize === 1;
  const reasons: string[] = [];
  if (!input.eligibility.stableEmploymentEndedAssistance) reasons.push('安定した職業に就いたこと等により保護を要しなくなった場合に限る（法55条の4）');
  if (input.eligibility.receivedWithinPast3Years) reasons.push('過去3年以内の受給あり: 再受給制限（通説3年）は未確認のため要確認');

  const months = Array.from({ length: rate.values.monthsCounted }, (_, i) => addMonths(input.terminationMonth, i - rate.values.monthsCounted));
  const earned = months.map((m) => ({ m, amount: input.earnedIncomeByMonth[m] ?? 0 }));
  const sum = earned.reduce((s, e) => s + e.amount, 0);
  const computed = Math.floor((sum * rate.values.percent) / 100);
  const cap = single ? caps.values.single : caps.values.multiPerson;
  let amount = Math.min(computed, cap);
  const steps = [
    `${earned.map((e) => `${e.m} ${yen(e.amount)}`).join(' ＋ ')} ＝ ${yen(sum)} × 算定率${rate.values.percent}% ＝ ${yen(computed)}（1円未満切捨て）${provenance(tables.employmentIndependenceRate, rate)}`,
    `上限 ${yen(cap)}（${single ? '単身世帯' : '複数世帯'}）${provenance(tables.employmentIndependenceCaps, caps)}`,
  ];
  const minimum = inForceOrNull(tables.employmentIndependenceMinimum, date);
  if (minimum) {
    const floor = single ? minimum.values.single : minimum.values.multiPerson;
    if (amount < floor) amount = floor;
    steps.push(`最低額 ${yen(floor)}（2024-10-01以降とする二次資料のみ）${provenance(tables.employmentIndependenceMinimum, minimum)}`);
  }
  const eligible = input.eligibility.stableEmploymentEndedAssistance;
  const finalAmount = eligible ? amount : 0;
  const basis = `就労自立給付金（廃止月 ${input.terminationMonth} の前${rate.values.monthsCounted}か月）: ${steps.join('。')} → ${yen(finalAmount)}。算定式・算定率は局長通知で未確認`;
  return { eligible, amount: finalAmount, lines: [line('employmentIndependenceBenefit', '就労自立給付金', finalAmount, basis, true)], reasons };
}
