import { listPackage } from '@electron/asar';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';

const root = new URL('../../../', import.meta.url).pathname;
const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8'));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

// The fuse wire as @electron/fuses finds it in an Electron binary: sentinel, wire version 1, length, one byte per fuse.
const sentinel = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const fuseOrder = [
  'runAsNode',
  'enableCookieEncryption',
  'enableNodeOptionsEnvironmentVariable',
  'enableNodeCliInspectArguments',
  'enableEmbeddedAsarIntegrityValidation',
  'onlyLoadAppFromAsar',
  'loadBrowserProcessSpecificV8Snapshot',
  'grantFileProtocolExtraPrivileges',
];

describe('electron-builder.yml keeps the closed-network invariants', () => {
  test('asar, no publishing, no auto-update dependency, stable appId', () => {
    expect(config.asar).toBe(true);
    expect(config.publish).toBeNull();
    expect(config.appId).toBe('jp.lg.seiho-desk.casework');
    expect(config.directories.buildResources).toBe('build');
    const dependencies = { ...pkg.dependencies, ...pkg.devDependencies };
    expect(Object.keys(dependencies).filter((name) => /updater|update-electron/.test(name))).toEqual([]);
  });

  test('fuses', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  test('Windows NSIS per machine that keeps app data; Linux deb and AppImage; icons and scripts from build/', () => {
    expect(config.win.target).toEqual(['nsis']);
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: true, deleteAppDataOnUninstall: false, include: 'build/installer.nsh' });
    expect(config.linux.target).toEqual(['deb', 'AppImage']);
    for (const file of [config.nsis.include, config.linux.icon, config.win.icon]) expect(existsSync(join(root, file)), file).toBe(true);
  });

  test('tests, source maps and the browser host are excluded', () => {
    expect(config.files).toEqual(expect.arrayContaining(['!dist/node/main/browserHost/**', '!**/*.map', '!**/test/**']));
    expect(config.files.filter((f: string) => !f.startsWith('!'))).toEqual(['package.json', 'dist/node/**', 'dist/preload/**', 'dist/renderer/**']);
  });
});

// Packs for real with electron-builder, against a stand-in Electron binary (the real one can't be downloaded here),
// then opens the package: this catches what reading the YAML can't, such as a file pattern that doesn't match.
describe('a real packaging run', () => {
  test('produces an asar with the app and nothing it must not hold, and flips the fuses', () => {
    expect(existsSync(join(root, 'dist/renderer/index.html')), 'npm test builds first').toBe(true);
    const work = mkdtempSync(join(tmpdir(), 'seiho-pack-'));
    const electronDist = join(work, 'electron');
    mkdirSync(join(electronDist, 'resources'), { recursive: true });
    // Every fuse starts opposite to what we want, so an unflipped fuse shows.
    const inverted = fuseOrder.map((name) => (config.electronFuses[name] ? '0' : '1')).join('');
    writeFileSync(
      join(electronDist, 'electron'),
      Buffer.concat([Buffer.from('#!/bin/sh\n'), Buffer.from(sentinel), Buffer.from([1, 8]), Buffer.from(inverted)]),
    );
    chmodSync(join(electronDist, 'electron'), 0o755);
    writeFileSync(join(electronDist, 'version'), pkg.devDependencies.electron.replace(/^[^\d]*/, ''));
    writeFileSync(join(electronDist, 'LICENSE'), '');
    execFileSync(
      join(root, 'node_modules/.bin/electron-builder'),
      ['--config', 'electron-builder.yml', '--linux', 'dir', `-c.electronDist=${electronDist}`, `-c.directories.output=${join(work, 'out')}`],
      { cwd: root, stdio: 'pipe', env: { ...process.env, ELECTRON_BUILDER_OFFLINE: 'true' } },
    );
    const unpacked = join(work, 'out', 'linux-unpacked');
    const binary = readFileSync(join(unpacked, config.linux.executableName));
    const at = binary.indexOf(sentinel) + sentinel.length + 2;
    const wire = binary.subarray(at, at + fuseOrder.length).toString('latin1');
    expect(wire).toBe(fuseOrder.map((name) => (config.electronFuses[name] ? '1' : '0')).join(''));

    const files = listPackage(join(unpacked, 'resources', 'app.asar'), { isPack: false }).map((p) => p.replaceAll('\\', '/'));
    for (const needed of ['/package.json', `/${pkg.main}`, '/dist/preload/index.cjs', '/dist/renderer/index.html']) expect(files).toContain(needed);
    expect(files.filter((p) => p.includes('/browserHost'))).toEqual([]);
    expect(files.filter((p) => p.endsWith('.map') || /\.(test|spec)\./.test(p) || p.startsWith('/test/') || /\.tsx?$/.test(p))).toEqual([]);
    const packagedModules = new Set(files.filter((p) => p.startsWith('/node_modules/')).map((p) => p.split('/')[2]));
    expect([...packagedModules].filter((m) => ['electron', 'vite', 'vitest', 'react', 'dexie', '@playwright'].includes(m!))).toEqual([]);
  }, 120_000);
});
