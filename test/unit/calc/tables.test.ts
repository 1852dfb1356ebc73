import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { CalcError } from '../../../shared/calc/calcError.js';
import { ageBands, kyuchiGroups, kyuchiList, tokiChikuList } from '../../../shared/calc/tables/dimensions.js';
import { allTables, standardTables } from '../../../shared/calc/tables/index.js';
import { inForce, sourceStatuses } from '../../../shared/calc/tables/provenance.js';
import { sourceRegister } from '../../../shared/calc/tables/sources.js';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const yen = z.number().int().nonnegative();
const kyuchiRow = z.tuple([yen, yen, yen, yen, yen, yen]);
const sourceId = z.enum(Object.keys(sourceRegister) as [keyof typeof sourceRegister, ...(keyof typeof sourceRegister)[]]);
const bySizeWithAddOn = z.object({ bySize: z.array(yen).length(9), perPersonOver9: yen });
const groupRow = z.object(Object.fromEntries(kyuchiGroups.map((g) => [g, yen])) as Record<(typeof kyuchiGroups)[number], typeof yen>);

const datedTable = <T extends z.ZodType>(values: T) =>
  z.object({
    id: z.string().min(1),
    label: z.string().min(1),
    file: z.string().min(1),
    periods: z
      .array(
        z.object({ from: isoDate, to: isoDate.nullable(), status: z.enum(sourceStatuses), sources: z.array(sourceId).min(1), note: z.string().min(1), values }),
      )
      .min(1),
  });

/** One schema per table module: the shape a rule relies on, checked against the data as transcribed. */
const schemas: Record<keyof typeof standardTables, z.ZodType> = {
  rui1: datedTable(z.object(Object.fromEntries(ageBands.map((b) => [b, kyuchiRow])))),
  rui2: datedTable(bySizeWithAddOn),
  teigenRitsu: datedTable(z.object({ percentBySize: z.array(z.number().int().min(1).max(100)).length(9), percentTenOrMore: z.number().int() })),
  keikaKasan: datedTable(
    z.record(
      z.enum(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10+']),
      z.object({ derivation: z.string().nullable(), cells: z.object(Object.fromEntries(ageBands.map((b) => [b, z.array(yen.nullable()).length(6)]))) }),
    ),
  ),
  tokureiKasan: datedTable(z.object({ kyotaku: yen, nyuinShisetsu: yen })),
  tokiKasan: datedTable(
    z.object(
      Object.fromEntries(
        tokiChikuList.map((c) => [c, bySizeWithAddOn.extend({ months: z.array(z.number().int().min(1).max(12)).min(1), status: z.enum(sourceStatuses) })]),
      ),
    ),
  ),
  tokiChikuByPrefecture: datedTable(z.record(z.string(), z.enum(tokiChikuList)).refine((r) => Object.keys(r).length === 47)),
  kimatsuIchijiFujo: datedTable(
    z.object({
      byKyuchi: z.object(Object.fromEntries(kyuchiList.map((k) => [k, bySizeWithAddOn]))),
      verifiedCells: z.array(z.object({ kyuchi: z.enum(kyuchiList), size: z.number().int() })),
    }),
  ),
  shogaishaKasan: datedTable(
    z.object({
      byClass: z.object({ A: groupRow, B: groupRow }),
      groupStatus: z.object(Object.fromEntries(kyuchiGroups.map((g) => [g, z.enum(sourceStatuses)]))),
      conflictingFigures: z.object({ byClass: z.object({ A: groupRow, B: groupRow }), source: z.string() }).nullable(),
    }),
  ),
  boshiKasan: datedTable(z.object(Object.fromEntries(kyuchiGroups.map((g) => [g, z.object({ child1: yen, child2: yen, perChildFrom3rd: yen })])))),
  jidoYoikuKasan: datedTable(z.object({ perChild: yen })),
  jidoYoikuKeikaKasan: datedTable(z.object({ perChild: yen })),
  boshiSetaiKeikaKasan: datedTable(z.record(z.enum(['3', '4', '5+']), z.record(z.enum(['0-2', '3-5', '6-11', '12-14', '15-17', '18-19']), kyuchiRow))),
  ninsanpuKasan: datedTable(
    z.object(Object.fromEntries(kyuchiGroups.map((g) => [g, z.object({ pregnantUnder6Months: yen, pregnant6MonthsOrMore: yen, postpartum: yen }).nullable()]))),
  ),
  kaigoHokenryoKasan: datedTable(z.object({ rule: z.string().min(1) })),
  zaitakuKanjaKasan: datedTable(z.object(Object.fromEntries(kyuchiGroups.map((g) => [g, yen.nullable()])))),
  hoshasenKasan: datedTable(z.object({ current: yen, recovered: yen })),
  kaigoShisetsuKasan: datedTable(z.object({ amount: yen })),
  jutakuLimits: datedTable(
    z.object({
      prefecture: z.object(
        Object.fromEntries(kyuchiGroups.map((g) => [g, z.object({ bySizeBand: z.array(yen).length(5), status: z.enum(sourceStatuses), note: z.string() })])),
      ),
      cities: z.record(z.string(), z.object({ bySizeBand: z.array(yen).length(5), status: z.enum(sourceStatuses), note: z.string() })),
    }),
  ),
  jutakuKijungaku: datedTable(groupRow),
  jutakuSpecialAllowance: datedTable(z.object({ percent: z.literal(130), sevenOrMoreExtraPercent: z.literal(120) })),
  jutakuFloorAreaReduction: datedTable(
    z.object({ bands: z.array(z.object({ overSqm: z.number(), label: z.string(), percent: z.number().int().max(100) })).min(1), roundingUnit: yen }),
  ),
  kyoikuFujoElementary: datedTable(z.object({ amount: yen })),
  kyoikuFujoJuniorHigh: datedTable(z.object({ amount: yen })),
  koutougakkouKihongaku: datedTable(z.object({ amount: yen })),
  koutougakkouOtherItems: datedTable(z.record(z.string(), yen)),
  kisoKojo: datedTable(
    z.object({
      rows: z.array(z.tuple([yen, yen, z.union([yen, z.literal('FULL')]), z.union([yen, z.literal('FULL')])])).min(1),
      overTable: z.object({ from: yen, step: yen, add1st: yen, add2ndAndLater: yen }),
    }),
  ),
  shinkiShuroKojo: datedTable(z.object({ amount: yen, months: z.number().int().positive() })),
  under20Kojo: datedTable(z.object({ amount: yen, ageBelow: z.literal(20) })),
  rinjiShunyu: datedTable(z.object({ householdMonthlyThreshold: yen })),
  municipalities: datedTable(
    z
      .record(z.string(), z.object({ prefecture: z.literal('埼玉県'), kyuchi: z.enum(kyuchiList), jutakuKyuchi: z.enum(kyuchiGroups) }))
      .refine((r) => Object.keys(r).length === 63),
  ),
  employmentIndependenceCaps: datedTable(z.object({ single: yen, multiPerson: yen })),
  employmentIndependenceMinimum: datedTable(z.object({ single: yen, multiPerson: yen })),
  employmentIndependenceRate: datedTable(z.object({ percent: z.number().positive().max(100), monthsCounted: z.number().int().positive() })),
  advancementPreparationBenefit: datedTable(z.object({ atHome: yen, moving: yen, employmentCoveredFrom: isoDate })),
};

describe('every table module matches its schema and carries provenance', () => {
  test.each(Object.entries(standardTables))('%s', (name, table) => {
    const result = schemas[name as keyof typeof standardTables].safeParse(table);
    expect(result.error?.issues ?? []).toEqual([]);
    // Periods are ordered and never overlap: a date finds at most one.
    table.periods.forEach((p, i) => {
      if (p.to !== null) expect(p.to >= p.from).toBe(true);
      const next = table.periods[i + 1];
      if (next) expect(p.to !== null && p.to < next.from).toBe(true);
    });
  });

  test('the register lists every table', () => {
    expect(
      allTables()
        .map((t) => t.id)
        .sort(),
    ).toEqual(Object.keys(standardTables).sort());
  });
});

describe('dated lookups', () => {
  test('a date outside every period is a typed error, not a default', () => {
    expect(() => inForce(standardTables.rui1, '2025-09-30')).toThrow(CalcError);
    expect(() => inForce(standardTables.tokureiKasan, '2027-10-01')).toThrow(/特例加算/);
    expect(inForce(standardTables.tokureiKasan, '2026-09-30').values.kyotaku).toBe(1500);
    expect(inForce(standardTables.tokureiKasan, '2026-10-01').values.kyotaku).toBe(2500);
  });

  test('status marks follow benefit-rules.md (✅✅ verified, ✅ single, ⚠️ conflicting)', () => {
    expect(standardTables.rui1.periods[0]!.status).toBe('verified');
    expect(standardTables.kisoKojo.periods[0]!.status).toBe('singleSource');
    expect(inForce(standardTables.shogaishaKasan, '2026-10-01').status).toBe('conflicting');
    expect(inForce(standardTables.tokureiKasan, '2024-01-01').status).toBe('singleSource');
  });
});

describe('埼玉県 municipalities (kyuchi-saitama.csv, §9)', () => {
  const table = inForce(standardTables.municipalities, '2026-12-01').values;
  test('all 63 resolve; 加須市 is 3級地-1', () => {
    expect(Object.keys(table)).toHaveLength(63);
    expect(table.加須市!.kyuchi).toBe('3級地-1');
    expect(inForce(standardTables.tokiChikuByPrefecture, '2026-12-01').values.埼玉県).toBe('VI');
  });
  test('the 級地 groups of benefit-rules.md §9', () => {
    const by = (k: string) =>
      Object.keys(table)
        .filter((m) => table[m]!.kyuchi === k)
        .sort();
    expect(by('1級地-1')).toEqual(['さいたま市', '川口市'].sort());
    expect(by('1級地-2')).toEqual(['所沢市', '蕨市', '戸田市', '朝霞市', '和光市', '新座市'].sort());
    expect(by('2級地-1')).toHaveLength(15);
    expect(by('2級地-2')).toHaveLength(0);
    expect(by('3級地-1')).toHaveLength(27);
    expect(by('3級地-2')).toHaveLength(13);
  });
});
