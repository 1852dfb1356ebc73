import { declaredIncomeSchema, sortIncomes } from '../../../shared/casework/declaredIncome.js';
import type { DeclaredIncome } from '../../../shared/domain/records.js';
import type { Session } from '../../../shared/domain/staff.js';
import { assertTableAccess, scopedHousehold } from '../access.js';
import type { DataStore } from '../db.js';
import { AccessDeniedError, InvalidRecordError } from '../errors.js';
import { saveRecord } from './recordWriter.js';

/**
 * 収入申告 (declared incomes), kept sealed on the household row rather than in a table of their own (a new table
 * would mean a schema version). Each change re-reads the row inside the write transaction and replaces only
 * `incomes`, so it never writes back a stale address or status. Access is the household's, and — as the incomes
 * are what a calculation rests on — only for roles that may read calculations: the administrator, who reads
 * households to run the system, does not see them.
 */
export function incomesRepository(store: DataStore) {
  const assertAccess = (session: Session, access: 'read' | 'write') => {
    assertTableAccess(store, session, 'calculations', 'read');
    assertTableAccess(store, session, 'households', access);
  };

  async function change(session: Session, householdId: string, edit: (incomes: DeclaredIncome[]) => DeclaredIncome[]): Promise<DeclaredIncome[]> {
    assertAccess(session, 'write');
    const saved = await saveRecord(store, session, {
      table: 'households',
      id: householdId,
      build: (before) => {
        if (!before) throw new AccessDeniedError('この世帯は担当範囲外のため更新できません');
        return { ...before, incomes: edit(before.incomes ?? []) };
      },
      authorize: async () => {
        await scopedHousehold(store, session, householdId, 'write');
      },
      householdOf: (row) => row.id,
    });
    return sortIncomes(saved.incomes ?? []);
  }

  return {
    async list(session: Session, householdId: string): Promise<DeclaredIncome[]> {
      assertAccess(session, 'read');
      return sortIncomes((await scopedHousehold(store, session, householdId, 'read')).incomes ?? []);
    },

    /** Adds the income, or replaces the one with its id. */
    async save(session: Session, householdId: string, income: DeclaredIncome): Promise<DeclaredIncome[]> {
      const parsed = declaredIncomeSchema.safeParse(income);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new InvalidRecordError(String(issue.path[0] ?? 'incomes'), issue.message);
      }
      return change(session, householdId, (incomes) => [...incomes.filter((i) => i.id !== income.id), parsed.data]);
    },

    async remove(session: Session, householdId: string, incomeId: string): Promise<DeclaredIncome[]> {
      return change(session, householdId, (incomes) => incomes.filter((i) => i.id !== incomeId));
    },
  };
}
