import 'fake-indexeddb/auto';
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { collection78 } from '../../../shared/calc/debts.js';
import { makePayerNumber, makeRecipientNumber } from '../../../shared/casework/publicPayerNumber.js';
import { uuidv7 } from '../../../shared/ids/uuidv7.js';
import { isDamaged } from '../../../renderer/data/errors.js';
import { derivedFieldsOf, tableNames, tableSpecs } from '../../../renderer/data/schema.js';
import { HANAKO, linkageOffice, TARO } from '../linkage/flowFixtures.js';
import { rawRows, session } from './fixtures.js';

/**
 * The clear fields of the schema and their reasons (schema.ts `tableSpecs`) are the one list; README.md's table is
 * generated from it. A clear field cannot be added without a reason (the type asks for one), an index cannot be
 * added on a field that is not clear, and the README cannot fall behind: each of these fails here.
 * `UPDATE_CLEAR_FIELDS=1 npx vitest run --config test/vitest.config.ts test/unit/data/clearFields.test.ts` rewrites it.
 */

const README = new URL('../../../renderer/data/README.md', import.meta.url);
const BEGIN = '<!-- clear-fields:begin — generated from schema.ts tableSpecs; test/unit/data/clearFields.test.ts checks it -->';
const END = '<!-- clear-fields:end -->';

/** The fields an index spec names: `&seq`, `*tokens`, `[month+status]` → seq, tokens, month, status. */
const indexedFields = (indexes: string) =>
  indexes
    .split(',')
    .flatMap((spec) =>
      spec
        .trim()
        .replace(/^[&*+]+/, '')
        .replace(/^\[|\]$/g, '')
        .split('+'),
    )
    .filter(Boolean);

const cell = (text: string) => text.replaceAll('|', '\\|');

function clearFieldsTable(): string {
  const lines = ['| table | clear field | indexed | why it is safe in clear |', '| --- | --- | --- | --- |'];
  for (const table of tableNames) {
    const indexed = new Set(indexedFields(tableSpecs[table].indexes));
    const derived = derivedFieldsOf(table);
    for (const [field, why] of Object.entries(tableSpecs[table].clear) as [string, string][]) {
      const name = derived.has(field) ? `\`${field}\` (derived)` : `\`${field}\``;
      lines.push(`| ${table} | ${name} | ${indexed.has(field) ? 'yes' : ''} | ${cell(why)} |`);
    }
  }
  return lines.join('\n');
}

describe('the clear fields, each with its reason', () => {
  test('every clear field has a reason, every index is on a clear field, every derived field is clear', () => {
    for (const table of tableNames) {
      const clear = tableSpecs[table].clear as Record<string, string | undefined>;
      for (const [field, why] of Object.entries(clear)) expect(why?.trim(), `${table}.${field}`).toBeTruthy();
      for (const field of indexedFields(tableSpecs[table].indexes)) expect(clear, `${table} indexes ${field}`).toHaveProperty(field);
      for (const field of derivedFieldsOf(table).keys()) expect(clear, `${table} derives ${field}`).toHaveProperty(field);
    }
  });

  test("README.md's table is exactly the schema's list", () => {
    const before = readFileSync(README, 'utf8');
    if (process.env.UPDATE_CLEAR_FIELDS) {
      const generated = `${BEGIN}\n\n${clearFieldsTable()}\n\n${END}`;
      writeFileSync(README, before.slice(0, before.indexOf(BEGIN)) + generated + before.slice(before.indexOf(END) + END.length));
    }
    const readme = readFileSync(README, 'utf8');
    const start = readme.indexOf(BEGIN);
    const end = readme.indexOf(END);
    expect(start, 'README.md has the clear-fields markers').toBeGreaterThan(-1);
    // Compared cell by cell, so that reformatting the table (column padding) does not matter.
    const rows = (text: string) =>
      text
        .split('\n')
        .filter((line) => line.startsWith('|') && !/^\|[\s-|]+\|$/.test(line))
        .map((line) => line.split(/(?<!\\)\|/).map((c) => c.trim()));
    expect(rows(readme.slice(start, end))).toEqual(rows(clearFieldsTable()));
  });
});

describe('no clear field reveals a sensitive attribute', () => {
  /** A stored row without its ciphertext: all that someone with the disk and without the key reads. */
  const clearPart = ({ c: _sealed, ...clear }: Record<string, unknown>) => clear;

  test('a 78条 collection, a 不開示 member and medical tickets by month are not in clear on disk', async () => {
    const o = await linkageOffice([TARO, { ...HANAKO, nonDisclosure: true }]);
    const [taro, hanako] = o.members as [(typeof o.members)[0], (typeof o.members)[0]];
    await o.start();
    const ticket = (memberId: string, serial: number) => ({
      memberId,
      month: '2026-11',
      kind: 'pharmacy' as const,
      institution: '加須中央薬局',
      payerNumber: makePayerNumber({ prefecture: 11, agency: 201 }),
      recipientNumber: makeRecipientNumber(serial),
      copayment: 0,
    });
    await o.repos.tickets.issue(o.roles.cwA, o.hC.id, ticket(taro.id, 111111));
    await o.repos.tickets.issue(o.roles.cwA, o.hC.id, ticket(hanako.id, 222222));
    const keiri = session('accounting', uuidv7());
    const result = collection78({ wrongfulAmount: 200_000, collectAmount: 200_000, surchargePercent: 40, monthlyInstallment: 10_000, startMonth: '2026-12' });
    const debt = await o.repos.ledgers.create(keiri, o.hC.id, { kind: 'collection78', decidedOn: '2026-11-10', result });

    // Through the repositories all of it is there: the suppressed row, the tickets, the debt — by household.
    const ledger = await o.ledger();
    expect(ledger.filter((r) => r.status === 'suppressed').map((r) => r.memberId)).toEqual([hanako.id, hanako.id]);
    expect((await o.repos.medicalTickets.list(o.roles.cwA, o.hC.id)).map((t) => !isDamaged(t) && t.memberId).sort()).toEqual([taro.id, hanako.id].sort());
    expect(await o.repos.debts.list(keiri, o.hC.id)).toEqual([expect.objectContaining({ id: debt.id, kind: 'collection78' })]);

    const raw = Object.fromEntries(await Promise.all(tableNames.map(async (table) => [table, (await rawRows(o.name, table)).map(clearPart)] as const)));
    const clearText = JSON.stringify(raw);
    for (const telling of ['collection78', 'suppressed', 'NON_DISCLOSURE', 'medicalTicketData', 'medicalEligibility', 'pharmacy', '2026-11"']) {
      expect(clearText, `"${telling}" is in clear`).not.toContain(telling);
    }
    // The debt and the tickets are not linked to the household (nor to a member) by anything clear.
    for (const table of ['debts', 'medicalTickets'] as const) {
      expect(raw[table]!.length, table).toBeGreaterThan(0);
      for (const row of raw[table]!) expect(JSON.stringify(row), table).not.toMatch(new RegExp(`${o.hC.id}|${taro.id}|${hanako.id}`));
    }
    // A 不開示 row's clear part looks like any settled one: the same fields, the same queue.
    const stored = raw.linkageRecords!;
    const suppressedIds = new Set(ledger.filter((r) => r.status === 'suppressed').map((r) => r.id));
    for (const row of stored) expect(Object.keys(row).sort()).toEqual(['hlc', 'householdId', 'id', 'keyHash', 'kid', 'queue', 'v']);
    expect(stored.filter((row) => suppressedIds.has(row.id as string)).map((row) => row.queue)).toEqual(['settled', 'settled']);
  });

  test('every stored row holds only its clear fields and the envelope', async () => {
    const o = await linkageOffice([TARO]);
    await o.start();
    for (const table of tableNames) {
      const allowed = new Set([...Object.keys(tableSpecs[table].clear), 'kid', 'v', 'c']);
      for (const row of await rawRows(o.name, table))
        expect(
          Object.keys(row).filter((field) => !allowed.has(field)),
          table,
        ).toEqual([]);
    }
  });
});
