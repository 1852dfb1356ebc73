import { CalcError } from './calcError.js';
import { householdOf } from './household.js';
import { recognizeIncome } from './incomeRecognition.js';
import { parseCalcInput, type CalcInput, type InputIssue } from './input.js';
import { jutakuFujoLines } from './jutakuFujo.js';
import { kasanLines } from './kasan.js';
import { educationLines } from './kyoikuFujo.js';
import { sumLines, yen, type CalcLine } from './lines.js';
import { proRated, proRataPeriod, type ProRataPeriod } from './proRata.js';
import { kimatsuIchijiFujoLines, seikatsuFujoHontaiLines, tokiKasanLines } from './seikatsuFujo.js';
import { standardTables, type StandardTables } from './tables/index.js';
import type { Kyuchi, TokiChiku } from './tables/dimensions.js';

/** The totals of contracts/calc-cli.md §Output, all integer yen. */
export type CalcTotals = {
  seikatsuFujoHontai: number;
  seikatsuFujo: number;
  jutakuFujo: number;
  kyoikuFujo: number;
  koutougakkouShugakuhi: number;
  minimumCost: number;
  recognizedIncome: number;
  benefit: number;
};

/** 要否判定: whether the household needs assistance at all. */
export type Necessity = { required: boolean; basis: string; needsConfirmation: boolean };

export type CalcResult = {
  month: string;
  municipality: string;
  kyuchi: Kyuchi;
  tokiChiku: TokiChiku;
  /** 最低生活費 lines, in the order of the totals. */
  lines: CalcLine[];
  /** 収入認定 lines (their sum is `totals.recognizedIncome`). */
  incomeLines: CalcLine[];
  totals: CalcTotals;
  necessity: Necessity;
  proRata: ProRataPeriod | null;
  /** True when any line rests on an unverified figure. */
  needsConfirmation: boolean;
};

/** 最低生活費, 収入認定額 and 保護費 for one household and month. Throws CalcError when no table is in force. */
export function calculate(input: CalcInput, tables: StandardTables = standardTables): CalcResult {
  const h = householdOf(input, tables);
  const period = proRataPeriod(input.month, input.proRata);
  // 日割 covers the monthly 生活扶助 amounts; 期末一時扶助, 住宅扶助 (rent actually due) and 教育扶助 stay as they are.
  const hontai = proRated(seikatsuFujoHontaiLines(h, tables), period);
  const toki = proRated(tokiKasanLines(h, tables), period);
  const kasan = proRated(kasanLines(h, tables), period);
  const kimatsu = kimatsuIchijiFujoLines(h, tables);
  const jutaku = jutakuFujoLines(h, input.housing, tables);
  const education = educationLines(h, tables);
  const incomeLines = recognizeIncome(h, input.incomes, tables);

  const seikatsuFujoHontai = sumLines(hontai);
  const seikatsuFujo = seikatsuFujoHontai + sumLines(toki) + sumLines(kimatsu) + sumLines(kasan);
  const jutakuFujo = sumLines(jutaku);
  const kyoikuFujo = sumLines(education.kyoikuFujo);
  const koutougakkouShugakuhi = sumLines(education.koutougakkouShugakuhi);
  const minimumCost = seikatsuFujo + jutakuFujo + kyoikuFujo + koutougakkouShugakuhi;
  const recognizedIncome = sumLines(incomeLines);
  const benefit = Math.max(0, minimumCost - recognizedIncome);

  const lines = [...hontai, ...toki, ...kimatsu, ...kasan, ...jutaku, ...education.kyoikuFujo, ...education.koutougakkouShugakuhi];
  const specialDeductions = incomeLines.some((l) => /新規就労控除 |20歳未満控除 /.test(l.basis));
  const necessity: Necessity = {
    required: minimumCost > recognizedIncome,
    basis:
      `要否判定: 最低生活費 ${yen(minimumCost)} と 収入認定額 ${yen(recognizedIncome)} を比較 → ${minimumCost > recognizedIncome ? `不足 ${yen(minimumCost - recognizedIncome)}、保護を要する` : '収入が最低生活費以上、保護を要しない'}` +
      (specialDeductions ? '。要否判定で新規就労控除・20歳未満控除を適用するかは未確認（要確認）' : ''),
    needsConfirmation: specialDeductions,
  };
  return {
    month: input.month,
    municipality: h.municipality,
    kyuchi: h.kyuchi,
    tokiChiku: h.tokiChiku,
    lines,
    incomeLines,
    totals: { seikatsuFujoHontai, seikatsuFujo, jutakuFujo, kyoikuFujo, koutougakkouShugakuhi, minimumCost, recognizedIncome, benefit },
    necessity,
    proRata: period,
    needsConfirmation: [...lines, ...incomeLines].some((l) => l.needsConfirmation) || necessity.needsConfirmation,
  };
}

export type CalcOutcome = { ok: true; value: CalcResult } | { ok: false; issues: InputIssue[] };

/** Validation and calculation as data: what the CLI, IPC and the wizards call. Only a bug escapes as an exception. */
export function tryCalculate(raw: unknown, tables: StandardTables = standardTables): CalcOutcome {
  const parsed = parseCalcInput(raw, tables);
  if (!parsed.ok) return parsed;
  try {
    return { ok: true, value: calculate(parsed.value, tables) };
  } catch (error) {
    if (error instanceof CalcError) return { ok: false, issues: [{ path: error.path, message: error.message }] };
    throw error;
  }
}
