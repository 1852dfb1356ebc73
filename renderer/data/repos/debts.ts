import { lastDayOfMonth, type IsoDate, type IsoMonth } from '../../../shared/casework/calendarDate.js';
import { benefitOffset, type DebtResult } from '../../../shared/calc/debts.js';
import type { Debt } from '../../../shared/domain/records.js';
import type { Session } from '../../../shared/domain/staff.js';
import { uuidv7 } from '../../../shared/ids/uuidv7.js';
import { assertTableAccess } from '../access.js';
import type { DataStore } from '../db.js';
import { IntegrityError, InvalidRecordError, isDamaged } from '../errors.js';
import { writeTransaction, type Unstamped } from '../outbox.js';
import { householdRecords } from './householdRecords.js';

/**
 * 返還金 (63条) and 徴収金 (77条の2・78条) ledgers. The amount and schedule come from the calculation rules
 * (shared/calc/debts.ts); receipts are 納付 or 78条の2 調整. Who may write is access.ts's (経理); a caseworker
 * reads. Every change is read, checked and written in one transaction, so two receipts cannot overpay.
 */

export const paidOf = (debt: Pick<Debt, 'receipts'>): number => debt.receipts.reduce((sum, r) => sum + r.amount, 0);
export const balanceOf = (debt: Pick<Debt, 'principal' | 'receipts'>): number => debt.principal - paidOf(debt);

export type InstallmentStatus = { dueToDate: number; paid: number; arrears: number; installmentsDue: number; balance: number };

/** Against the schedule on `today`: what was due so far, what was received, and the arrears (滞納額). */
export function installmentStatus(debt: Pick<Debt, 'principal' | 'receipts' | 'schedule'>, today: IsoDate): InstallmentStatus {
  const due = debt.schedule.filter((s) => s.dueOn <= today);
  const dueToDate = due.reduce((sum, s) => sum + s.amount, 0);
  const paid = paidOf(debt);
  return { dueToDate, paid, arrears: Math.max(0, dueToDate - paid), installmentsDue: due.length, balance: balanceOf(debt) };
}

/** 78条の2 applies to 徴収金 only (77条の2・78条), not to a 63条 返還金 collected as such. */
export const offsettable = (kind: Debt['kind']): boolean => kind !== 'refund63';

/** A ledger paid off is 完済 (settled); the status follows the balance, never the other way round. */
const withStatus = (debt: Unstamped<Debt>): Unstamped<Debt> => ({ ...debt, status: balanceOf(debt) === 0 ? 'settled' : debt.status });

export type NewDebt = { kind: Debt['kind']; decidedOn: IsoDate; result: DebtResult };

export function debtsRepository(store: DataStore) {
  const debts = householdRecords(store, 'debts', { deletable: false });
  const calculations = householdRecords(store, 'calculations', { deletable: false });

  /** Reads, changes and writes one debt in a transaction; `change` refuses by throwing InvalidRecordError. */
  async function update(session: Session, id: string, change: (debt: Debt) => Unstamped<Debt>): Promise<Debt> {
    // Refused before anything is read, so a reader learns nothing from a write's validation.
    assertTableAccess(store, session, 'debts', 'write');
    return writeTransaction(store, ['debts', 'households', 'users'], async () => {
      const debt = await debts.get(session, id);
      if (!debt) throw new InvalidRecordError('id', 'この債権は見つかりません');
      return debts.save(session, withStatus(change(debt)));
    });
  }

  return {
    /** A new ledger from a calculation's result: its amount, its explained lines and its installment schedule. */
    async create(session: Session, householdId: string, { kind, decidedOn, result }: NewDebt): Promise<Debt> {
      if (result.amount <= 0) throw new InvalidRecordError('principal', '債権額は1円以上です');
      return debts.save(session, {
        id: uuidv7(),
        householdId,
        kind,
        status: 'open',
        principal: result.amount,
        schedule: result.schedule.map((s) => ({ dueOn: lastDayOfMonth(s.month), amount: s.amount })),
        decidedOn,
        basis: result.lines.map((l) => l.basis).join('\n'),
        receipts: [],
        offsetRequest: null,
      });
    },

    /** 納付: refuses an amount over the balance, so a ledger never goes negative. */
    receive(session: Session, id: string, receipt: { receivedOn: IsoDate; amount: number }): Promise<Debt> {
      return update(session, id, (debt) => {
        if (!Number.isInteger(receipt.amount) || receipt.amount <= 0) throw new InvalidRecordError('amount', '納付額は1円以上の整数です');
        if (receipt.amount > balanceOf(debt)) throw new InvalidRecordError('amount', `納付額が残高（${balanceOf(debt)}円）を超えています`);
        return { ...debt, receipts: [...debt.receipts, { ...receipt, method: 'paid' }] };
      });
    },

    /** Records the recipient's request (申出) for 78条の2 調整, or withdraws it (null). */
    setOffsetRequest(session: Session, id: string, request: Debt['offsetRequest']): Promise<Debt> {
      return update(session, id, (debt) => {
        if (!offsettable(debt.kind)) throw new InvalidRecordError('offsetRequest', '63条の返還金は保護費との調整（78条の2）の対象ではありません');
        if (request && (!Number.isInteger(request.monthlyAmount) || request.monthlyAmount <= 0))
          throw new InvalidRecordError('monthlyAmount', '申出額は1円以上の整数です');
        return { ...debt, offsetRequest: request };
      });
    },

    /**
     * 78条の2 調整 for one month: the amount `benefitOffset` allows against that month's calculated benefit — none
     * without the recorded request or the office's finding that the minimum standard is kept. Returns the basis.
     */
    async offset(
      session: Session,
      id: string,
      input: { month: IsoMonth; officeFindsMinimumMaintained: boolean },
    ): Promise<{ debt: Debt; amount: number; basis: string }> {
      assertTableAccess(store, session, 'debts', 'write');
      return writeTransaction(store, ['debts', 'calculations', 'households', 'users'], async () => {
        const debt = await debts.get(session, id);
        if (!debt) throw new InvalidRecordError('id', 'この債権は見つかりません');
        if (!offsettable(debt.kind)) throw new InvalidRecordError('offsetRequest', '63条の返還金は保護費との調整（78条の2）の対象ではありません');
        const rows = await calculations.list(session, debt.householdId);
        const damaged = rows.find(isDamaged);
        if (damaged) throw new IntegrityError('calculations', damaged.id);
        const calculation = rows.find((c) => !isDamaged(c) && c.month === input.month);
        if (!calculation || isDamaged(calculation)) throw new InvalidRecordError('month', 'その月の保護費の計算がありません');
        const result = benefitOffset({
          benefit: calculation.benefit,
          debtBalance: balanceOf(debt),
          requestedAmount: debt.offsetRequest?.monthlyAmount ?? 0,
          recipientRequested: debt.offsetRequest !== null,
          officeFindsMinimumMaintained: input.officeFindsMinimumMaintained,
        });
        if (result.amount === 0) return { debt, amount: 0, basis: result.basis };
        // Dated on the month's first day, the benefit's; one 調整 per month.
        const receivedOn = `${input.month}-01`;
        if (debt.receipts.some((r) => r.method === 'offset' && r.receivedOn === receivedOn))
          throw new InvalidRecordError('month', 'この月の調整は記録済みです');
        const saved = await debts.save(session, withStatus({ ...debt, receipts: [...debt.receipts, { receivedOn, amount: result.amount, method: 'offset' }] }));
        return { debt: saved, amount: result.amount, basis: result.basis };
      });
    },
  };
}
