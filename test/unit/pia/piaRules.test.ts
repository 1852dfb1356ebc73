import { describe, expect, test } from 'vitest';
import { reportDeadlines, reportRules } from '../../../shared/pia/incidentReports.js';
import { privacyRequestInputSchema } from '../../../shared/pia/records.js';
import { countdown, decisionDeadline, decisionPeriods, extensionProblem, privacyRequestKinds } from '../../../shared/pia/requestDeadlines.js';
import { assessmentDifferences, judgeThresholds, requiredAssessment, staffBandOf, subjectBandOf, thresholdRuleOn } from '../../../shared/pia/thresholds.js';

const floors = thresholdRuleOn('2026-12-01').values.subjectFloors;
const figures = (over: Partial<Parameters<typeof judgeThresholds>[0]> = {}) => ({
  countedOn: '2026-12-01',
  subjects: 1_500,
  handlers: 40,
  seriousIncidentDates: [] as string[],
  ...over,
});

describe('しきい値判断', () => {
  test('対象人数 bands at their edges', () => {
    expect(subjectBandOf(999, floors)).toBe('under1000');
    expect(subjectBandOf(1_000, floors)).toBe('from1000');
    expect(subjectBandOf(9_999, floors)).toBe('from1000');
    expect(subjectBandOf(10_000, floors)).toBe('from10000');
    expect(subjectBandOf(99_999, floors)).toBe('from10000');
    expect(subjectBandOf(100_000, floors)).toBe('from100000');
    expect(subjectBandOf(299_999, floors)).toBe('from100000');
    expect(subjectBandOf(300_000, floors)).toBe('from300000');
  });

  test('取扱者数 499 / 500', () => {
    expect(staffBandOf(499, 500)).toBe('under500');
    expect(staffBandOf(500, 500)).toBe('from500');
  });

  test('a serious incident 365 days before the count date is within the last year, 366 days is not', () => {
    // 2025-12-01 → 2026-12-01 has no 29 February: one calendar year is 365 days.
    expect(judgeThresholds(figures({ seriousIncidentDates: ['2025-12-01'] })).seriousIncident).toBe(true);
    expect(judgeThresholds(figures({ seriousIncidentDates: ['2025-11-30'] })).seriousIncident).toBe(false);
    // An incident dated after the count date is not counted in that count.
    expect(judgeThresholds(figures({ seriousIncidentDates: ['2026-12-02'] })).seriousIncident).toBe(false);
  });

  test('which assessment each combination requires', () => {
    expect(requiredAssessment('under1000', 'from500', true)).toBe('none');
    expect(requiredAssessment('from1000', 'from500', true)).toBe('basic');
    expect(requiredAssessment('from10000', 'under500', false)).toBe('basic');
    expect(requiredAssessment('from10000', 'from500', false)).toBe('basicAndPriority');
    expect(requiredAssessment('from10000', 'under500', true)).toBe('basicAndPriority');
    expect(requiredAssessment('from100000', 'under500', false)).toBe('basicAndPriority');
    expect(requiredAssessment('from100000', 'from500', false)).toBe('basicAndFull');
    expect(requiredAssessment('from100000', 'under500', true)).toBe('basicAndFull');
    expect(requiredAssessment('from300000', 'under500', false)).toBe('basicAndFull');
  });

  test('the judgement at 9,999 / 10,000 people with 500 staff changes the assessment', () => {
    expect(judgeThresholds(figures({ subjects: 9_999, handlers: 500 })).required).toBe('basic');
    expect(judgeThresholds(figures({ subjects: 10_000, handlers: 500 })).required).toBe('basicAndPriority');
    expect(judgeThresholds(figures({ subjects: 10_000, handlers: 499 })).required).toBe('basic');
  });

  test("the filed assessment against today's figures: the answers that differ", () => {
    const now = judgeThresholds(figures({ subjects: 10_000, handlers: 500 }));
    const filed = { subjectBand: 'from1000', staffBand: 'under500', seriousIncident: false, kind: 'basic' } as const;
    expect(assessmentDifferences(filed, now)).toEqual(['subjectBand', 'staffBand', 'kind']);
    expect(assessmentDifferences({ subjectBand: 'from10000', staffBand: 'from500', seriousIncident: false, kind: 'basicAndPriority' }, now)).toEqual([]);
  });

  test('the rule says where it comes from and is 要確認 until checked', () => {
    const rule = thresholdRuleOn('2026-12-01');
    expect(rule.source).toContain('特定個人情報保護評価に関する規則');
    expect(rule.confirmed).toBe(false);
    expect(() => thresholdRuleOn('2010-01-01')).toThrow(/しきい値判断/);
  });
});

describe('開示等請求の決定期限', () => {
  test('30 days from the day after receipt, 30 more with an extension', () => {
    const request = { kind: 'disclosure' as const, receivedOn: '2026-12-01', extension: null };
    expect(decisionDeadline(request)).toBe('2026-12-31');
    expect(decisionDeadline({ ...request, extension: { days: 30, reason: '大量のため', notifiedOn: '2026-12-20' } })).toBe('2027-01-30');
    for (const kind of privacyRequestKinds) {
      expect(decisionPeriods[kind][0]!.confirmed).toBe(false);
      expect(decisionDeadline({ ...request, kind })).toBe('2026-12-31');
    }
  });

  test('an extension longer than the law allows, without a reason, or notified after the deadline is refused', () => {
    const request = { kind: 'correction' as const, receivedOn: '2026-12-01' };
    expect(extensionProblem(request, { days: 31, reason: '理由', notifiedOn: '2026-12-10' })?.field).toBe('days');
    expect(extensionProblem(request, { days: 30, reason: ' ', notifiedOn: '2026-12-10' })?.field).toBe('reason');
    expect(extensionProblem(request, { days: 30, reason: '理由', notifiedOn: '2027-01-01' })?.field).toBe('notifiedOn');
    expect(extensionProblem(request, { days: 30, reason: '理由', notifiedOn: '2026-12-31' })).toBeNull();
  });

  test('the countdown: days left, warning, overdue, closed', () => {
    const request = { kind: 'suspension' as const, receivedOn: '2026-12-01', extension: null, status: 'open' as const };
    expect(countdown(request, '2026-12-01')).toEqual({ kind: 'open', deadline: '2026-12-31', daysLeft: 30, warning: false });
    expect(countdown(request, '2026-12-24')).toMatchObject({ daysLeft: 7, warning: true });
    expect(countdown(request, '2026-12-31')).toMatchObject({ kind: 'open', daysLeft: 0 });
    expect(countdown(request, '2027-01-02')).toEqual({ kind: 'overdue', deadline: '2026-12-31', daysOverdue: 2 });
    expect(countdown({ ...request, status: 'decided' }, '2027-01-02').kind).toBe('closed');
  });
});

describe('漏えい等報告の期限', () => {
  test('速報 3 (to 5) days, 確報 30 days, 60 for an unlawful purpose', () => {
    expect(reportDeadlines({ foundOn: '2026-12-01', unlawfulPurpose: false })).toEqual({
      preliminaryDue: '2026-12-04',
      preliminaryLatest: '2026-12-06',
      finalDue: '2026-12-31',
    });
    expect(reportDeadlines({ foundOn: '2026-12-01', unlawfulPurpose: true }).finalDue).toBe('2027-01-30');
    expect(reportRules[0]!.confirmed).toBe(false);
  });
});

describe('開示等請求の記録', () => {
  const valid = {
    kind: 'disclosure',
    person: { kind: 'other', description: '加須 花子' },
    requester: { type: 'self', name: '' },
    identityCheck: { document: 'driversLicense', otherDocument: '', checkedBy: 'user-1' },
    authorityCheck: null,
    receivedOn: '令和8年12月1日',
    asked: 'ケース記録の開示',
  };

  test('a valid request reads its 和暦 date', () => {
    expect(privacyRequestInputSchema.parse(valid).receivedOn).toBe('2026-12-01');
  });

  test("an identity document's number is refused, never stored", () => {
    const parsed = privacyRequestInputSchema.safeParse({ ...valid, identityCheck: { ...valid.identityCheck, documentNumber: '123456789012' } });
    expect(parsed.success).toBe(false);
  });

  test("an agent needs a name and the agency's proof", () => {
    const parsed = privacyRequestInputSchema.safeParse({ ...valid, requester: { type: 'voluntaryAgent', name: '' } });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join('.'))).toEqual(['requester.name', 'authorityCheck.document']);
  });
});

describe('研修の年度', () => {
  test('staff without a training in this 年度 (April to March); inactive accounts are not listed', async () => {
    const { fiscalYearOf, untrainedStaff } = await import('../../../shared/pia/training.js');
    expect(fiscalYearOf('2027-03-31')).toBe(2026);
    expect(fiscalYearOf('2027-04-01')).toBe(2027);
    const users = [
      { id: 'a', status: 'active' },
      { id: 'b', status: 'active' },
      { id: 'c', status: 'inactive' },
    ];
    const trainings = [
      { userId: 'a', heldOn: '2026-04-01' },
      { userId: 'b', heldOn: '2026-03-31' },
    ];
    expect(untrainedStaff(users, trainings, '2027-03-31').map((u) => u.id)).toEqual(['b']);
  });
});
