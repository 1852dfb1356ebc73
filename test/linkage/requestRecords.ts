import type { RequestRecord } from '../../shared/linkage/exchangeFormat.js';

/** The fields every request record of an exchange file carries, for record `seq`. */
export const requestEnvelope = (seq: number) => ({
  recordId: `rec-${seq}`,
  seq,
  createdAt: '2026-04-01T09:00:00.000Z',
  legalBasis: '行政手続における特定の個人を識別するための番号の利用等に関する法律第19条第8号',
});

/** A 情報照会 of a person's 地方税 income, as a caseworker's request puts it in an exchange file. */
export const inquiryRecord = (seq: number): RequestRecord => ({
  ...requestEnvelope(seq),
  kind: 'inquiry',
  idempotencyKey: `inquiry:${seq}`,
  body: {
    atenaNumber: String(1_000_000 + seq),
    item: 'local-tax-income',
    provider: '加須市税務課',
    reason: '収入認定のため',
    requestedOn: '2026-04-01',
    requestedBy: 'cw.tanaka',
  },
});
