import type { Household } from './household.js';
import type { HousingInput } from './input.js';
import { line, yen, type CalcLine } from './lines.js';
import { kyuchiGroupOf } from './tables/dimensions.js';
import type { StandardTables } from './tables/index.js';
import { jutakuSizeBandIndex, jutakuSizeBandLabels } from './tables/jutakuFujo.js';
import { inForce, isUnverified, provenance } from './tables/provenance.js';

/**
 * 住宅扶助 = rent up to the limit (benefit-rules.md §4). The limit is the city's own row (政令市・中核市) or 埼玉県's
 * row for the 級地 group; single households are reduced by floor area; ×1.3 only on request with a reason.
 */
export function jutakuFujoLines(h: Household, housing: HousingInput | null, tables: StandardTables): CalcLine[] {
  if (housing === null || housing.rent === 0) return [];
  const limits = inForce(tables.jutakuLimits, h.date);
  const group = kyuchiGroupOf(h.kyuchi);
  const cityRow = limits.values.cities[h.municipality];
  const row = cityRow ?? limits.values.prefecture[group];
  const band = jutakuSizeBandIndex(h.size);
  let limit = row.bySizeBand[band]!;
  let unverified = isUnverified(row.status);
  const steps = [
    `限度額（${cityRow ? h.municipality : `埼玉県 ${group}`}・${jutakuSizeBandLabels[band]}）${yen(limit)}（${row.note}）${provenance(tables.jutakuLimits, limits, row.status)}`,
  ];

  if (h.size === 1 && housing.floorAreaSqm !== null && !housing.freeLowCostLodging) {
    const reduction = inForce(tables.jutakuFloorAreaReduction, h.date);
    const areaBand = reduction.values.bands.find((b) => housing.floorAreaSqm! > b.overSqm) ?? reduction.values.bands.at(-1)!;
    if (areaBand.percent < 100) {
      const unit = reduction.values.roundingUnit;
      const reduced = Math.round((limit * areaBand.percent) / 100 / unit) * unit;
      steps.push(
        `単身・床面積${housing.floorAreaSqm}㎡（${areaBand.label}）: ${yen(limit)} × ${areaBand.percent}% → ${yen(unit)}単位に四捨五入 ${yen(reduced)}${provenance(tables.jutakuFloorAreaReduction, reduction)}`,
      );
      limit = reduced;
      unverified ||= isUnverified(reduction.status);
    } else {
      steps.push(`単身・床面積${housing.floorAreaSqm}㎡（${areaBand.label}）: 減額なし`);
    }
  } else if (h.size === 1 && housing.freeLowCostLodging) {
    steps.push('無料低額宿泊所等の利用のため床面積別限度額は適用しない');
  } else if (h.size === 1) {
    steps.push('床面積が未入力のため床面積別の減額は行っていない');
  }

  if (housing.specialAllowance) {
    const special = inForce(tables.jutakuSpecialAllowance, h.date);
    let raised = Math.floor((limit * special.values.percent) / 100);
    let how = `${yen(limit)} × ${special.values.percent / 100}`;
    if (h.size >= 7) {
      raised = Math.floor((raised * special.values.sevenOrMoreExtraPercent) / 100);
      how += ` × ${special.values.sevenOrMoreExtraPercent / 100}（7人以上）`;
    }
    steps.push(
      `特別基準（理由: ${housing.specialAllowance.reason}）: ${how} ＝ ${yen(raised)}（1円未満切捨て）${provenance(tables.jutakuSpecialAllowance, special)}`,
    );
    limit = raised;
    unverified ||= isUnverified(special.status);
  }

  const amount = Math.min(housing.rent, limit);
  const basis = `住宅扶助: 家賃 ${yen(housing.rent)} と ${steps.join('。')}。認定限度 ${yen(limit)} → 少ない方 ${yen(amount)}`;
  return [line('jutakuFujo', '住宅扶助', amount, basis, unverified)];
}
