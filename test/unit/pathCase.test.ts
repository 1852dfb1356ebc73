import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { expect, test } from 'vitest';

/**
 * Windows (the install target) and macOS do not tell letter case apart in paths. Two tracked files whose paths
 * differ only by case — or two modules an extensionless import cannot tell apart (`CaseList.tsx`/`caseList.ts`)
 * — would check out as one file there, or resolve to the wrong module.
 */
const root = resolve(new URL('../..', import.meta.url).pathname);

function caseCollisions(paths: readonly string[]): string[][] {
  const groups = new Map<string, string[]>();
  for (const path of paths) {
    for (const key of new Set([path.toLowerCase(), path.replace(/\.(tsx?|mjs|js)$/, '').toLowerCase()])) {
      groups.set(key, [...(groups.get(key) ?? []), path]);
    }
  }
  const seen = new Set<string>();
  return [...groups.values()].filter((group) => {
    const distinct = [...new Set(group)];
    const id = distinct.sort().join('\n');
    if (distinct.length < 2 || seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

test('the collision check finds paths and extensionless modules that differ only by case', () => {
  expect(caseCollisions(['a/CaseList.tsx', 'a/caseList.ts', 'b/x.ts'])).toEqual([['a/CaseList.tsx', 'a/caseList.ts']]);
  expect(caseCollisions(['a/README.md', 'a/readme.md'])).toHaveLength(1);
  expect(caseCollisions(['a/list.ts', 'a/list.test.ts', 'b/list.ts'])).toEqual([]);
});

test('no two tracked paths differ only by letter case', () => {
  const tracked = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' }).split('\n').filter(Boolean);
  expect(caseCollisions(tracked)).toEqual([]);
});
