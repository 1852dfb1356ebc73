import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { syncedTables, tableNames } from '../../../../renderer/data/schema.js';
import { mergePolicies, mergePolicyLabels } from '../../../../renderer/data/sync/policy.js';

/**
 * The merge policy of every table (renderer/data/sync/policy.ts) is the one list; README.md's "Sync" table is
 * generated from it and checked here, so the README cannot say one thing while the hub does another.
 * `UPDATE_SYNC_POLICIES=1 npx vitest run --config test/vitest.config.ts test/unit/data/sync/hubPolicy.test.ts` rewrites it.
 */

const README = new URL('../../../../renderer/data/README.md', import.meta.url);
const BEGIN = '<!-- sync-policies:begin — generated from sync/policy.ts mergePolicies; test/unit/data/sync/hubPolicy.test.ts checks it -->';
const END = '<!-- sync-policies:end -->';

function policyTable(): string {
  const lines = ['| table | policy | why |', '| --- | --- | --- |'];
  for (const table of tableNames) {
    const { policy, why } = mergePolicies[table];
    lines.push(`| ${table} | ${policy} (${mergePolicyLabels[policy]}) | ${why.replaceAll('|', '\\|')} |`);
  }
  return lines.join('\n');
}

const rows = (text: string) =>
  text
    .split('\n')
    .filter((line) => line.startsWith('|') && !/^\|[\s-|]+\|$/.test(line))
    .map((line) => line.split(/(?<!\\)\|/).map((c) => c.trim()));

describe('the sync merge policies', () => {
  test('every table has one; exactly the synced tables leave the device as rows', () => {
    expect(Object.keys(mergePolicies).sort()).toEqual([...tableNames].sort());
    const travelling = tableNames.filter((table) => mergePolicies[table].policy !== 'localOnly' && table !== 'provisionRecords');
    expect(travelling.sort()).toEqual([...syncedTables].sort());
  });

  test("README.md's table is exactly policy.ts's list", () => {
    const before = readFileSync(README, 'utf8');
    if (process.env.UPDATE_SYNC_POLICIES) {
      writeFileSync(README, `${before.slice(0, before.indexOf(BEGIN))}${BEGIN}\n\n${policyTable()}\n\n${END}${before.slice(before.indexOf(END) + END.length)}`);
    }
    const readme = readFileSync(README, 'utf8');
    const start = readme.indexOf(BEGIN);
    expect(start, 'README.md has the sync-policies markers').toBeGreaterThan(-1);
    expect(rows(readme.slice(start, readme.indexOf(END)))).toEqual(rows(policyTable()));
  });
});
