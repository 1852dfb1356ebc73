import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { parseJson, toIssues, type InputIssue } from '../../shared/calc/input.js';
import { tryCalculate } from '../../shared/calc/minimumCost.js';
import { recalc } from '../../shared/calc/recalc.js';
import { allTables } from '../../shared/calc/tables/index.js';
import { statusLabel } from '../../shared/calc/tables/provenance.js';
import { sourceRegister } from '../../shared/calc/tables/sources.js';

/**
 * `seiho` — the command-line tool (contracts/calc-cli.md). Streams are injected so tests drive it without a process.
 * Exit codes: 0 success, 2 invalid input (one `path: 理由` line per problem), 1 anything else.
 */
export type CliIo = { stdin: () => Promise<string>; stdout: (s: string) => void; stderr: (s: string) => void };

const usage = [
  '使い方: seiho <コマンド>',
  '  calc FILE|-              世帯のJSONから最低生活費・収入認定額・保護費を計算する（- は標準入力）',
  '  recalc FILE|- [--month YYYY-MM]  複数世帯を指定月で再計算する（一括認定）。{"month": "...", "households": [...]} または世帯の配列',
  '  params [--json]          計算に用いる基準表と適用期間・出典・確認状況を一覧する',
].join('\n');

class UsageError extends Error {}

async function readInput(file: string | undefined, io: CliIo): Promise<string> {
  if (file === undefined) throw new UsageError('入力ファイルを指定してください');
  if (file === '-') return io.stdin();
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new Error(`ファイルを読み込めません: ${file}（${(error as NodeJS.ErrnoException).code ?? String(error)}）`);
  }
}

const reportIssues = (io: CliIo, issues: readonly InputIssue[]) => {
  for (const i of issues) io.stderr(`${i.path}: ${i.message}\n`);
};
/** Reports the issues and gives the exit code of bad input. */
const refuse = (io: CliIo, issues: readonly InputIssue[]) => {
  reportIssues(io, issues);
  return 2;
};
const printJson = (io: CliIo, value: unknown) => io.stdout(`${JSON.stringify(value, null, 2)}\n`);

async function calcCommand(args: string[], io: CliIo): Promise<number> {
  const json = parseJson(await readInput(args[0], io));
  const outcome = json.ok ? tryCalculate(json.value) : json;
  if (!outcome.ok) return refuse(io, outcome.issues);
  printJson(io, outcome.value);
  return 0;
}

// Built on first use: `calc` (the common, latency-sensitive command) does not pay for the schemas of the others.
let recalcDocument: z.ZodType<{ month: string; households: unknown[] } | unknown[]> | undefined;
const recalcDocumentSchema = () =>
  (recalcDocument ??= z.union([
    z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: '年月は YYYY-MM 形式で入力してください' }), households: z.array(z.unknown()) }),
    z.array(z.unknown()),
  ]));

async function recalcCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { month: { type: 'string' } }, allowPositionals: true });
  const json = parseJson(await readInput(positionals[0], io));
  if (!json.ok) return refuse(io, json.issues);
  const parsed = recalcDocumentSchema().safeParse(json.value, { error: () => '{"month": "YYYY-MM", "households": [...]} の形式で入力してください' });
  if (!parsed.success) return refuse(io, toIssues(parsed.error));
  const doc = Array.isArray(parsed.data) ? { month: values.month, households: parsed.data } : { ...parsed.data, month: values.month ?? parsed.data.month };
  if (doc.month === undefined || !/^\d{4}-(0[1-9]|1[0-2])$/.test(doc.month))
    return refuse(io, [{ path: 'month', message: '再計算する年月（YYYY-MM）を指定してください' }]);
  const summary = recalc(doc.households, doc.month);
  for (const e of summary.entries) if (!e.ok) reportIssues(io, e.issues);
  printJson(io, summary);
  return summary.failed > 0 ? 2 : 0;
}

function paramsCommand(args: string[], io: CliIo): number {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean', default: false } } });
  const tables = allTables().map(({ id, label, file, periods }) => ({
    id,
    label,
    file,
    periods: periods.map(({ from, to, status, sources, note }) => ({ from, to, status, sources, note })),
  }));
  if (values.json) {
    printJson(io, { tables, sources: sourceRegister });
    return 0;
  }
  const text = tables.flatMap((t) => [
    `■ ${t.label}（${t.id} / ${t.file}）`,
    ...t.periods.map((p) => `  ${p.from} 〜 ${p.to ?? '（改正まで）'}  ${statusLabel(p.status)}  出典: ${p.sources.join('・')}\n    ${p.note}`),
  ]);
  const register = Object.entries(sourceRegister).map(([id, name]) => `  ${id}: ${name}`);
  io.stdout(`${['基準表一覧（適用期間・確認状況・出典）', '', ...text, '', '出典', ...register].join('\n')}\n`);
  return 0;
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'calc':
        return await calcCommand(rest, io);
      case 'recalc':
        return await recalcCommand(rest, io);
      case 'params':
        return paramsCommand(rest, io);
      default:
        io.stderr(`${command === undefined ? '' : `不明なコマンドです: ${command}\n`}${usage}\n`);
        return 1;
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`${error instanceof UsageError ? `${message}\n${usage}` : `エラー: ${message}`}\n`);
    return 1;
  }
}
