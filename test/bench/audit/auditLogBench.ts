import type { Session } from '../../../shared/domain/staff.js';
import { uuidv7 } from '../../../shared/ids/uuidv7.js';
import { generateTrainingHouseholds } from '../../../shared/training/trainingHouseholds.js';
import type { AuditEvent } from '../../../renderer/data/audit.js';
import { openDatabase } from '../../../renderer/data/db.js';
import { writeInChunks } from '../../../renderer/data/outbox.js';
import { createRepositories } from '../../../renderer/data/repos/index.js';

/**
 * The auditor's log at office scale: `entries` chained audit entries (openings, changes, searches, sign-ins by 30
 * staff over 300 households, written through the real write path so they are sealed and hash-chained), then the
 * auditor's reads as the 監査 screen makes them — the first page, a page deep in the log, each filter alone and
 * together, a case — and the whole export. Each read is the repository call the screen's service makes.
 */

export interface AuditLogResult {
  entries: number;
  writeMs: number;
  /** Per read: its name, the total it matched and each round's ms. */
  reads: { name: string; total: number; ms: number[] }[];
}

const CHUNK = 2_000;

export async function runAuditLogBench(entries: number, rounds: number): Promise<AuditLogResult> {
  const store = await openDatabase(new Uint8Array(32).fill(9), { kid: 'bench', device: { id: uuidv7(), profile: 'hub' }, name: `bench-audit-${uuidv7()}` });
  try {
    const repos = createRepositories(store);
    const admin: Session = { userId: uuidv7(), role: 'systemAdmin', teamId: null, deviceProfile: 'hub' };
    const auditor: Session = { userId: uuidv7(), role: 'auditor', teamId: null, deviceProfile: 'hub' };
    const households = await repos.training.seed(
      admin,
      'bench-office',
      generateTrainingHouseholds({ seed: 2026, count: 300, offset: 0, assignees: [], today: '2026-11-20' }),
    );
    const staff = Array.from({ length: 30 }, () => uuidv7());
    const eventAt = (i: number): AuditEvent => {
      const householdId = households[i % households.length]!;
      switch (i % 5) {
        case 0:
        case 1:
          return { kind: 'caseOpened', detail: { householdId } };
        case 2:
          return { kind: 'update', detail: { table: 'members', recordId: uuidv7(), householdId, fields: ['address', 'phone'] } };
        case 3:
          return { kind: 'search', detail: { query: '加須', resultCount: 3 } };
        default:
          return { kind: 'login', detail: {} };
      }
    };
    let start = performance.now();
    const indexes = Array.from({ length: entries }, (_, i) => i);
    await writeInChunks(store, ['audit'], indexes, CHUNK, async (writer, chunk) => {
      for (const i of chunk) writer.audit(staff[i % staff.length]!, eventAt(i));
    });
    const writeMs = performance.now() - start;

    const { caseNumber } = (await store.db.households.get(households[10]!))!;
    const someone = staff[5]!; // acts on i ≡ 5 (mod 30): openings among others
    const reads: [string, () => Promise<{ total: number }>][] = [
      ['first page', () => repos.auditLog.query(auditor, {})],
      ['page at 50,000', () => repos.auditLog.query(auditor, {}, { offset: 50_000 })],
      ['by user', () => repos.auditLog.query(auditor, { actor: someone })],
      ['by kind (ケースの表示)', () => repos.auditLog.query(auditor, { kind: 'caseOpened' })],
      ['by user and kind', () => repos.auditLog.query(auditor, { actor: someone, kind: 'caseOpened' })],
      ['by period', () => repos.auditLog.query(auditor, { from: '2000-01-01T00:00:00.000Z', to: new Date().toISOString() })],
      ['by case', () => repos.auditLog.query(auditor, { caseNumber })],
      ['by case and kind', () => repos.auditLog.query(auditor, { caseNumber, kind: 'caseOpened' })],
      ['export all', () => repos.auditLog.export(auditor, {})],
    ];
    const results: AuditLogResult['reads'] = [];
    for (const [name, read] of reads) {
      const ms: number[] = [];
      let total = 0;
      for (let round = 0; round < rounds; round += 1) {
        start = performance.now();
        total = (await read()).total;
        ms.push(performance.now() - start);
      }
      results.push({ name, total, ms });
    }
    return { entries, writeMs, reads: results };
  } finally {
    store.close();
  }
}

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export function formatAuditLogBench(result: AuditLogResult): string[] {
  return [
    `audit log: ${result.entries.toLocaleString('en')} entries written in ${(result.writeMs / 1000).toFixed(1)} s`,
    ...result.reads.map(
      ({ name, total, ms }) =>
        `  ${name.padEnd(24)} matched ${String(total).padStart(7)}  median ${median(ms).toFixed(0).padStart(6)} ms  (rounds ${ms.map((m) => m.toFixed(0)).join(', ')})`,
    ),
  ];
}
