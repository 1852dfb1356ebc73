import { expect, test } from 'vitest';
import { makePayerNumber, makeRecipientNumber } from '../../shared/casework/publicPayerNumber.js';
import { debtResult, newDebtSchema, emptyDebt } from '../../renderer/features/debts/debtForms.js';
import { ticketIssueSchema as ticketSchema } from '../../shared/casework/medicalTicket.js';
import { emptyTicket } from '../../renderer/features/medicalTickets/ticketForm.js';
import { emptyVisitRecord, planStatus, statusLabel, toCaseRecord, visitRecordSchema } from '../../renderer/features/visits/visitRecord.js';

const problems = (result: { error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  (result.error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);

test('a structured visit becomes a case record with headings; phone calls and office visits keep their kind', () => {
  const schema = visitRecordSchema('2026-05-20');
  const parsed = schema.parse({
    ...emptyVisitRecord('2026-05-20'),
    recordedOn: '２０２６-０５-１２',
    place: '自宅',
    metWith: '世帯主本人',
    observed: '居室は清潔。',
    nextSteps: '次回は通院状況を確認する。',
  });
  expect(toCaseRecord(parsed)).toEqual({
    kind: 'visit',
    recordedOn: '2026-05-12',
    body: '【家庭訪問】\n場所: 自宅\n面会者: 世帯主本人\n確認した状況: 居室は清潔。\n今後の方針: 次回は通院状況を確認する。',
  });
  expect(toCaseRecord({ ...parsed, method: 'officeVisit' }).kind).toBe('interview');
  expect(toCaseRecord({ ...parsed, method: 'phone' }).kind).toBe('call');
  expect(problems(schema.safeParse({ ...emptyVisitRecord('2026-05-20'), recordedOn: '2026-05-21' }))).toEqual([
    'recordedOn: 未来の日付は入力できません',
    'metWith: 面会した人（相手）を入力してください',
    'observed: 確認した状況を入力してください',
  ]);
});

test('the plan mark: due this month, then overdue from the next', () => {
  expect(statusLabel(planStatus({ nextDueOn: '2026-06-30' }, '2026-06-20'))).toBe('今月訪問予定（残り10日）');
  expect(statusLabel(planStatus({ nextDueOn: '2026-06-30' }, '2026-08-01'))).toBe('訪問期限超過（2か月）');
  expect(statusLabel(planStatus({ nextDueOn: '2026-06-30' }, '2026-05-31'))).toBe('予定');
});

test('ticket numbers are field errors in Japanese; full-width digits are accepted', () => {
  const payer = makePayerNumber({ prefecture: 11, agency: 201 });
  const recipient = makeRecipientNumber(42);
  const form = { ...emptyTicket('2026-05', payer), memberId: 'm1', institution: '加須中央病院', recipientNumber: recipient };
  expect(ticketSchema.parse({ ...form, recipientNumber: recipient.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)) }).recipientNumber).toBe(
    recipient,
  );
  expect(problems(ticketSchema.safeParse({ ...form, recipientNumber: '1234567', payerNumber: '12345678', month: '2026-13' }))).toEqual([
    'month: 年-月（例: 2026-04）で入力してください',
    expect.stringMatching(/^payerNumber: 公費負担者番号/),
    'recipientNumber: 受給者番号の検証番号（末尾の1桁）が一致しません。番号を確認してください',
  ]);
});

test('a new debt comes from the calculation rules: 78条 with its surcharge, capped at 40%', () => {
  const input = { ...emptyDebt('2026-05-20'), kind: 'collection78' as const, base: 100_000, second: 100_000, surchargePercent: 40, monthlyInstallment: 50_000 };
  const result = debtResult(newDebtSchema.parse(input));
  expect(result.amount).toBe(140_000);
  expect(result.schedule.map((s) => s.amount)).toEqual([50_000, 50_000, 40_000]);
  expect(problems(newDebtSchema.safeParse({ ...input, surchargePercent: 41 }))).toEqual(['surchargePercent: 加算率は100分の40以下です']);
  expect(problems(newDebtSchema.safeParse({ ...input, kind: 'refund63', second: 1_000 }))).toEqual(['deductionReason: 控除には理由が必要です']);
});
