import { describe, expect, test } from 'vitest';
import { checkDecisionDate, deadlineState, decisionDeadline, decisionDeadlineRule } from '../../../shared/casework/applicationDeadline.js';

// Expected dates are counted by hand on the calendar: the day of receipt is day 0 (民法140条, 初日不算入).
const reason = '扶養義務者の資産調査に日時を要するため';

describe('the deadline date', () => {
  test('day 14, or day 30 with a recorded reason', () => {
    expect(decisionDeadline({ receivedOn: '2026-04-01' })).toBe('2026-04-15');
    expect(decisionDeadline({ receivedOn: '2026-04-01', extensionReason: reason })).toBe('2026-05-01');
  });

  test('a blank reason is no reason', () => {
    expect(decisionDeadline({ receivedOn: '2026-04-01', extensionReason: '　' })).toBe('2026-04-15');
    expect(decisionDeadline({ receivedOn: '2026-04-01', extensionReason: null })).toBe('2026-04-15');
  });

  test('month ends, year end and leap years', () => {
    expect(decisionDeadline({ receivedOn: '2026-01-31' })).toBe('2026-02-14');
    expect(decisionDeadline({ receivedOn: '2026-01-31', extensionReason: reason })).toBe('2026-03-02'); // Feb has 28
    expect(decisionDeadline({ receivedOn: '2028-01-31', extensionReason: reason })).toBe('2028-03-01'); // Feb has 29
    expect(decisionDeadline({ receivedOn: '2028-02-15' })).toBe('2028-02-29');
    expect(decisionDeadline({ receivedOn: '2027-02-15' })).toBe('2027-03-01');
    expect(decisionDeadline({ receivedOn: '2026-12-20' })).toBe('2027-01-03');
  });

  test('the counting rule is recorded as still to be confirmed', () => {
    expect(decisionDeadlineRule.countingStatus).toMatch(/要確認/);
    expect(decisionDeadlineRule.basis).toMatch(/第24条/);
  });
});

describe('the countdown', () => {
  const application = { receivedOn: '2026-04-01' };
  const extended = { receivedOn: '2026-04-01', extensionReason: reason };

  test('days left, and the warning from 3 days before', () => {
    expect(deadlineState(application, '2026-04-01')).toEqual({ kind: 'open', deadline: '2026-04-15', daysLeft: 14, warning: false, extended: false });
    expect(deadlineState(application, '2026-04-11')).toMatchObject({ kind: 'open', daysLeft: 4, warning: false });
    expect(deadlineState(application, '2026-04-12')).toMatchObject({ kind: 'open', daysLeft: 3, warning: true });
  });

  test('day 14 is still in time; day 15 is overdue without a reason', () => {
    expect(deadlineState(application, '2026-04-15')).toMatchObject({ kind: 'open', daysLeft: 0, warning: true });
    expect(deadlineState(application, '2026-04-16')).toEqual({
      kind: 'overdue',
      deadline: '2026-04-15',
      daysOverdue: 1,
      deemedRejectionFrom: '2026-05-02',
    });
  });

  test('with a reason, day 15 is fine and day 30 is the last day', () => {
    expect(deadlineState(extended, '2026-04-16')).toMatchObject({ kind: 'open', daysLeft: 15, warning: false, extended: true });
    expect(deadlineState(extended, '2026-04-28')).toMatchObject({ kind: 'open', daysLeft: 3, warning: true });
    expect(deadlineState(extended, '2026-05-01')).toMatchObject({ kind: 'open', daysLeft: 0, warning: true });
  });

  test('day 31: the applicant may treat it as rejected, with or without a reason', () => {
    expect(deadlineState(extended, '2026-05-02')).toEqual({
      kind: 'deemedRejectable',
      deadline: '2026-05-01',
      daysOverdue: 1,
      deemedRejectionFrom: '2026-05-02',
    });
    expect(deadlineState(application, '2026-05-01')).toMatchObject({ kind: 'overdue', daysOverdue: 16 });
    expect(deadlineState(application, '2026-05-02')).toMatchObject({ kind: 'deemedRejectable', daysOverdue: 17 });
  });

  test('across February in a leap year', () => {
    const leap = { receivedOn: '2028-01-31', extensionReason: reason };
    expect(deadlineState(leap, '2028-02-29')).toMatchObject({ kind: 'open', daysLeft: 1 });
    expect(deadlineState(leap, '2028-03-02')).toMatchObject({ kind: 'deemedRejectable', deemedRejectionFrom: '2028-03-02' });
  });

  test('once decided, the state says whether it was in time', () => {
    expect(deadlineState({ ...application, decidedOn: '2026-04-15' }, '2026-06-01')).toEqual({
      kind: 'decided',
      deadline: '2026-04-15',
      decidedOn: '2026-04-15',
      onTime: true,
    });
    expect(deadlineState({ ...application, decidedOn: '2026-04-16' }, '2026-06-01')).toMatchObject({ onTime: false });
  });
});

describe('the date of a decision', () => {
  test('up to day 14 needs no reason', () => {
    expect(checkDecisionDate({ receivedOn: '2026-04-01', decidedOn: '2026-04-15' })).toEqual({
      ok: true,
      value: { deadline: '2026-04-15', warnings: [] },
    });
  });

  test('day 15 without a reason is refused, naming the deadline in 和暦', () => {
    expect(checkDecisionDate({ receivedOn: '2026-04-01', decidedOn: '2026-04-16' })).toEqual({
      ok: false,
      error: {
        code: 'decision.reasonRequired',
        message: '決定日が申請日から14日の期限（令和8年4月15日）を過ぎています。30日まで延長した特別な理由を記録してください',
      },
    });
    expect(checkDecisionDate({ receivedOn: '2026-04-01', decidedOn: '2026-04-16', extensionReason: ' ' }).ok).toBe(false);
  });

  test('with a reason, up to day 30 is clean and day 31 carries a warning', () => {
    expect(checkDecisionDate({ receivedOn: '2026-04-01', decidedOn: '2026-05-01', extensionReason: reason })).toEqual({
      ok: true,
      value: { deadline: '2026-05-01', warnings: [] },
    });
    const late = checkDecisionDate({ receivedOn: '2026-04-01', decidedOn: '2026-05-02', extensionReason: reason });
    expect(late.ok && late.value.warnings).toEqual([
      '決定日が申請日から30日（令和8年5月1日）を過ぎています。申請者は申請が却下されたものとみなすことができます（法第24条第7項）',
    ]);
  });

  test('a decision before the application is refused', () => {
    expect(checkDecisionDate({ receivedOn: '2026-04-01', decidedOn: '2026-03-31' })).toMatchObject({
      ok: false,
      error: { code: 'decision.beforeApplication', message: '決定日が申請日より前になっています' },
    });
  });
});
