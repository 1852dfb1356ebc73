import type { CalcLine } from '../calc/lines.js';
import { aids, type Aid } from '../domain/aids.js';

/**
 * The 扶助 a 保護費算定 covers and how much of each, from its breakdown lines: what a decision drafted from the
 * calculation is prefilled with and what its 決定通知書 shows. A line's code says which 扶助 it belongs to; a code
 * this table does not know is refused rather than guessed, so a new kind of line cannot land under the wrong 扶助.
 */

const aidByCode: readonly [RegExp, Aid][] = [
  // 生活扶助: 本体 (第1類・第2類・経過的加算・特例加算), 冬季加算, 期末一時扶助 and every 加算 (介護保険料加算 included).
  [/^(rui1|rui2|keikaKasan|tokureiKasan|tokiKasan|kimatsuIchijiFujo)$/, 'living'],
  [/^kasan\./, 'living'],
  [/^jutakuFujo$/, 'housing'],
  [/^kyoikuFujo\./, 'education'],
  // 高等学校等就学費 is paid as 生業扶助 (技能修得費), not 教育扶助.
  [/^koutougakkouShugakuhi\./, 'occupational'],
];

export function aidOfLine(code: string): Aid {
  const found = aidByCode.find(([pattern]) => pattern.test(code));
  if (!found) throw new Error(`扶助の種類が分からない計算行です: ${code}`);
  return found[1];
}

/** One 扶助's share: its 最低生活費, the income applied to it, and what is paid (基準額 − 充当額). */
export type AidAmount = { aid: Aid; minimumCost: number; incomeApplied: number; benefit: number };

/**
 * 収入充当: the recognized income is applied to the 扶助 in the order of 生活保護法§11 (生活・教育・住宅・医療・介護・
 * 出産・生業・葬祭) until it is used up, so the per-扶助 benefits add up to the calculation's benefit. That order
 * is the customary one; its source has not been read (要確認).
 */
export const incomeApplicationNote = '収入認定額は生活・教育・住宅・医療・介護・出産・生業・葬祭扶助の順に充当（充当順の出典未確認・要確認）';

/** The 扶助 with a positive 最低生活費 in the lines, in the order of `aids`, with their amounts. */
export function aidAmounts(lines: readonly Pick<CalcLine, 'code' | 'amount'>[], recognizedIncome: number): AidAmount[] {
  const cost = new Map<Aid, number>();
  for (const line of lines) {
    const aid = aidOfLine(line.code);
    cost.set(aid, (cost.get(aid) ?? 0) + line.amount);
  }
  let income = recognizedIncome;
  return aids.flatMap((aid) => {
    const minimumCost = cost.get(aid) ?? 0;
    if (minimumCost <= 0) return [];
    const incomeApplied = Math.min(income, minimumCost);
    income -= incomeApplied;
    return [{ aid, minimumCost, incomeApplied, benefit: minimumCost - incomeApplied }];
  });
}

/**
 * The 最低生活費 lines of a saved 保護費算定 (`Calculation.breakdown`, written by the wizard as
 * `{ kind: 'minimumCost', input, result, tables }`), or null when the row holds something else.
 */
export function savedLines(breakdown: unknown): CalcLine[] | null {
  const b = breakdown as { kind?: unknown; result?: { lines?: unknown } } | null;
  return b?.kind === 'minimumCost' && Array.isArray(b.result?.lines) ? (b.result.lines as CalcLine[]) : null;
}

/**
 * What a decision drafted from a saved calculation starts with: the 扶助 with a 最低生活費 in it, their amounts, the
 * calculation month's 1st day as the effective date (editable), and the link to the calculation.
 */
export type DecisionPrefill = { calculationId: string; effectiveOn: string; aids: Aid[]; amounts: AidAmount[]; benefit: number };

export function decisionPrefill(
  calculation: { id: string; month: string; recognizedIncome: number; benefit: number },
  lines: readonly Pick<CalcLine, 'code' | 'amount'>[],
): DecisionPrefill {
  const amounts = aidAmounts(lines, calculation.recognizedIncome);
  return { calculationId: calculation.id, effectiveOn: `${calculation.month}-01`, aids: amounts.map((a) => a.aid), amounts, benefit: calculation.benefit };
}
