import type { PayeeAccount } from '../../../shared/domain/records';
import type { BankAccount } from '../../../shared/linkage/exchangeFormat';

/** Labels for the 支給口座 and the consent a 公金受取口座照会 rests on. */

export const accountTypeLabels: Record<BankAccount['accountType'], string> = { ordinary: '普通', current: '当座', savings: '貯蓄' };

export const payeeSourceLabels: Record<PayeeAccount['source'], string> = { selfReported: '本人申出', publicFundsInquiry: '公金受取口座照会' };

export const consentMethodLabels: Record<NonNullable<PayeeAccount['consent']>['method'], string> = { written: '書面', oral: '口頭' };

/** Only the last 4 digits: enough to match a passbook over the counter, too little to pay into from the screen. */
export const maskAccountNumber = (number: string): string => '*'.repeat(Math.max(0, number.length - 4)) + number.slice(-4);
