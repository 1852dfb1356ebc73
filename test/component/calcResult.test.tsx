// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, expect, test } from 'vitest';
import { parseCalcInput } from '../../shared/calc/input.js';
import { calculate } from '../../shared/calc/minimumCost.js';
import { formatYen } from '../../shared/format/yen.js';
import { compareLines, tablesInForce } from '../../renderer/features/calc/minimumCost/calculationRecord.js';
import { readableBasis } from '../../renderer/features/calc/legalSources.js';
import { ResultView } from '../../renderer/features/calc/minimumCost/ResultView.js';

afterEach(cleanup);

const resultFor = (raw: unknown) => {
  const parsed = parseCalcInput(raw);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return calculate(parsed.value);
};
const household = (month: string, rent: number) => ({
  month,
  municipality: '加須市',
  members: [{ id: '山田 太郎', birthDate: '1960-04-01', homePatient: true }],
  housing: { rent },
});

test('every line is shown with its basis, 要確認 lines are highlighted and counted', () => {
  const result = resultFor(household('2026-12', 40000));
  render(<ResultView result={result} previous={null} />);
  const flaggedLines = [...result.lines, ...result.incomeLines].filter((l) => l.needsConfirmation);
  expect(flaggedLines.length).toBeGreaterThan(0);
  const rows = document.querySelectorAll('table.calc-lines tbody tr');
  expect(rows.length).toBe(result.lines.length + result.incomeLines.length);
  expect(document.querySelectorAll('table.calc-lines tr.needs-confirmation').length).toBe(flaggedLines.length);
  for (const line of result.lines) {
    const row = document.querySelector(`tr[data-code="${CSS.escape(line.code)}"]`)!;
    expect(row.textContent).toContain(formatYen(line.amount));
    expect(row.textContent).toContain(readableBasis(line.basis));
    expect(row.classList.contains('needs-confirmation')).toBe(line.needsConfirmation);
  }
  const count = flaggedLines.length + (result.necessity.needsConfirmation ? 1 : 0);
  expect(screen.getByLabelText('要確認の件数').textContent).toContain(`${count}件`);
  expect(screen.getByText('前月の保存済み計算はありません（比較なし）。')).toBeTruthy();
});

test('the basis cites 告示 and 通知 with their dates in 和暦, never the engine’s source codes', () => {
  const result = resultFor(household('2026-12', 40000));
  render(<ResultView result={result} previous={null} tables={tablesInForce('2026-12')} />);
  const shown = document.body.textContent ?? '';
  // The engine's text keeps its codes (the CLI's contract); the screen reads them out.
  expect(result.lines.some((l) => /出典S\d/.test(l.basis))).toBe(true);
  expect(shown).not.toMatch(/出典\s?S\d|S\d+・S\d+|複数出典一致/);
  const first = document.querySelector('tr[data-code="seikatsuFujo1"], table.calc-lines tbody tr')!;
  expect(first.textContent).toMatch(/保護の基準（告示）「[^」]+」 (昭和|平成|令和)\d+年\d+月\d+日から/);
  const tables = within(screen.getByRole('list'))
    .getAllByRole('listitem')
    .map((li) => li.textContent);
  expect(tables).toContain('生活扶助 第1類: 生活保護法による保護の基準（昭和38年厚生省告示第158号）、令和7年10月1日から適用');
  expect(tables.find((t) => t?.startsWith('勤労控除 基礎控除表'))).toContain('生活保護法による保護の実施要領について');
  expect(tables.filter((t) => t?.includes('金額は要確認')).length).toBe(tablesInForce('2026-12').filter((t) => t.status !== 'verified').length);
});

test('the comparison with the previous month shows the difference per line and in the totals', () => {
  const previous = resultFor(household('2026-11', 30000));
  const current = resultFor(household('2026-12', 34000));
  render(<ResultView result={current} previous={{ month: '2026-11', result: previous }} />);
  const housing = document.querySelector('tr[data-code="jutakuFujo"]')!;
  const cells = [...housing.querySelectorAll('td.amount')].map((c) => c.textContent);
  const prior = previous.lines.find((l) => l.code === 'jutakuFujo')!.amount;
  const now = current.lines.find((l) => l.code === 'jutakuFujo')!.amount;
  expect(cells).toEqual([formatYen(now), formatYen(prior), `+${formatYen(now - prior)}`]);
  // December brings 期末一時扶助, which November did not have.
  const kimatsu = compareLines(current.lines, previous.lines).find((c) => c.code === 'kimatsuIchijiFujo')!;
  expect(kimatsu.previous).toBeNull();
  const totals = screen.getByRole('table', { name: /^合計/ });
  const benefitRow = within(totals).getByRole('row', { name: /^保護費/ });
  const diff = current.totals.benefit - previous.totals.benefit;
  expect(benefitRow.textContent).toContain(diff > 0 ? `+${formatYen(diff)}` : formatYen(diff));
  expect(totals.textContent).toContain('前月 令和8年11月');
});
