import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { expect, test } from 'vitest';

/**
 * The process layering of DESIGN.md, checked on every import: shared/ runs anywhere, renderer/ never reaches
 * into main/, and only the thin Electron shell files load electron at run time. (Globals are checked by the
 * per-process tsconfigs: shared/ compiles without Node types or the DOM.)
 */
const root = resolve(new URL('../..', import.meta.url).pathname);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts') && !/vite\.config\.ts$/.test(name) ? [path] : [];
  });
}

type Import = { file: string; specifier: string; typeOnly: boolean };

function importsOf(file: string): Import[] {
  const text = readFileSync(file, 'utf8');
  const found: Import[] = [];
  const pattern = /(?:^|\n)\s*(import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (const match of text.matchAll(pattern)) {
    found.push({ file: relative(root, file), specifier: (match[3] ?? match[4])!, typeOnly: Boolean(match[2]) });
  }
  return found;
}

const layerOf = (file: string, specifier: string) => {
  if (!specifier.startsWith('.')) return `package:${specifier}`;
  return relative(root, resolve(dirname(join(root, file)), specifier)).split('/')[0]!;
};

const violations = (folder: string, rule: (i: Import, target: string) => string | null) =>
  sourceFiles(join(root, folder))
    .flatMap((file) => importsOf(file))
    .map((i) => rule(i, layerOf(i.file, i.specifier)))
    .filter((v): v is string => v !== null);

const pureLibraries = new Set(['zod', 'libsodium-wrappers-sumo']);

test('shared/ imports only shared/ and pure libraries', () => {
  expect(
    violations('shared', (i, target) =>
      target === 'shared' || (target.startsWith('package:') && pureLibraries.has(target.slice(8))) ? null : `${i.file} → ${i.specifier}`,
    ),
  ).toEqual([]);
});

test('renderer/ never imports main/, electron or Node', () => {
  expect(
    violations('renderer', (i, target) =>
      target === 'main' || target === 'package:electron' || target.startsWith('package:node:') ? `${i.file} → ${i.specifier}` : null,
    ),
  ).toEqual([]);
});

test('main/ never imports renderer/, and only the Electron shell loads electron at run time', () => {
  expect(
    violations('main', (i, target) => {
      if (target === 'renderer') return `${i.file} → ${i.specifier}`;
      const shell = i.file.startsWith('main/electron/') || i.file.startsWith('main/preload/');
      return target === 'package:electron' && !i.typeOnly && !shell ? `${i.file} → electron` : null;
    }),
  ).toEqual([]);
});

test('the import scanner sees what it checks', () => {
  const sample = importsOf(join(root, 'main/electron/window.ts'));
  expect(sample).toContainEqual({ file: 'main/electron/window.ts', specifier: 'electron', typeOnly: false });
  expect(importsOf(join(root, 'main/security/windowOptions.ts'))).toContainEqual({
    file: 'main/security/windowOptions.ts',
    specifier: 'electron',
    typeOnly: true,
  });
});

/**
 * Screens go through the session-bound services (renderer/services): they never hold the Dexie handle, build
 * repositories or ask the access rules themselves. Only the composition root (session/unlock.ts) and the
 * services open the store; types and the data layer's error classes may still be imported for display.
 */
test('screens reach data only through the services', () => {
  const storeModules = [
    'renderer/data/db',
    'renderer/data/repos',
    'renderer/data/repos/index',
    'renderer/data/access',
    'renderer/data/outbox',
    'renderer/data/counters',
  ];
  const screens = ['renderer/features', 'renderer/app', 'renderer/ui'];
  // main's API too: a screen asks a service, which holds the session's api (only the lock screen talks to main before unlock).
  const mainApi = 'renderer/api/seihoApi';
  const found = screens.flatMap((folder) =>
    violations(folder, (i) => {
      if (i.typeOnly) return null;
      if (i.specifier === 'dexie' || i.specifier.startsWith('dexie-')) return `${i.file} → ${i.specifier}`;
      if (!i.specifier.startsWith('.')) return null;
      const target = relative(root, resolve(dirname(join(root, i.file)), i.specifier)).replace(/\.js$/, '');
      return storeModules.includes(target) || target === mainApi || target.startsWith('renderer/data/middleware') ? `${i.file} → ${i.specifier}` : null;
    }),
  );
  expect(found).toEqual([]);
});

/** The screens' toolkit (renderer/ui) knows forms and text, not where data comes from: no arrow into the data layer. */
test('renderer/ui imports nothing from renderer/data', () => {
  expect(
    violations('renderer/ui', (i) =>
      i.specifier.startsWith('.') && relative(root, resolve(dirname(join(root, i.file)), i.specifier)).startsWith('renderer/data')
        ? `${i.file} → ${i.specifier}`
        : null,
    ),
  ).toEqual([]);
});

/** Every form is the toolkit's Form (autocomplete off on the form element, so the browser saves none of its controls' state). */
test('no screen writes a raw <form>', () => {
  const raw = sourceFiles(join(root, 'renderer'))
    .filter((file) => !file.endsWith(join('renderer', 'ui', 'Form.tsx')))
    .filter((file) => /<form[\s>]/.test(readFileSync(file, 'utf8')))
    .map((file) => relative(root, file));
  expect(raw).toEqual([]);
});

/** Secrets are masked text inputs (TextField): on a submitted type=password field Chromium's password manager writes the "user name" into the profile. */
test('no screen writes an <input type="password">', () => {
  const raw = sourceFiles(join(root, 'renderer'))
    .filter((file) => /<input[^>]*type=["{']*password/s.test(readFileSync(file, 'utf8')))
    .map((file) => relative(root, file));
  expect(raw).toEqual([]);
});
