import { standardTables } from '../../../shared/calc/tables/index';
import { inForceOrNull, type SourceStatus } from '../../../shared/calc/tables/provenance';

/**
 * What a municipality means for the calculation — 級地, 冬季加算地区 and the 住宅扶助 limit area — read from the
 * calculation's own dated tables, so the case screen and the calculation cannot disagree. A figure whose table is
 * not verified by more than one source says 要確認, as the calculation's bases do.
 */

const { municipalities, tokiChikuByPrefecture, jutakuLimits } = standardTables;

/** The municipalities the tables know on `date` (the latest period if none is in force). */
export function municipalityNames(date: string): string[] {
  return Object.keys((inForceOrNull(municipalities, date) ?? municipalities.periods.at(-1)!).values);
}

const flagged = (text: string, ...statuses: (SourceStatus | undefined)[]) => (statuses.every((s) => s === 'verified') ? text : `${text}（要確認）`);

export function regionOf(municipality: string, date: string): { kyuchi: string; tokiChiku: string; jutaku: string } | null {
  const period = inForceOrNull(municipalities, date);
  const entry = period?.values[municipality];
  if (!period || !entry) return null;
  const toki = inForceOrNull(tokiChikuByPrefecture, date);
  const tokiChiku = toki?.values[entry.prefecture];
  const limits = inForceOrNull(jutakuLimits, date);
  const cityRow = limits?.values.cities[municipality];
  const row = cityRow ?? limits?.values.prefecture[entry.jutakuKyuchi];
  return {
    kyuchi: flagged(entry.kyuchi, period.status),
    tokiChiku: tokiChiku ? flagged(`${tokiChiku}区`, toki.status) : '表なし（要確認）',
    jutaku:
      limits && row
        ? flagged(cityRow ? `${municipality}の限度額` : `${entry.prefecture} ${entry.jutakuKyuchi}の限度額`, limits.status, row.status)
        : '表なし（要確認）',
  };
}

/** The three facts as a definition list's entries (inside the case facts' `<dl>`). */
export function RegionFacts({ municipality, date }: { municipality: string; date: string }) {
  const region = regionOf(municipality, date);
  if (!region) {
    return (
      <>
        <dt>級地</dt>
        <dd>この市町村は級地表にありません（要確認）</dd>
      </>
    );
  }
  return (
    <>
      <dt>級地</dt>
      <dd>{region.kyuchi}</dd>
      <dt>冬季加算地区</dt>
      <dd>{region.tokiChiku}</dd>
      <dt>住宅扶助限度額の区分</dt>
      <dd>{region.jutaku}</dd>
    </>
  );
}
