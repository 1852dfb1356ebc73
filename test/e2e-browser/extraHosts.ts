import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { APIRequestContext } from '@playwright/test';

/**
 * More devices in one test run: each another browser host (its own port, so its own origin and IndexedDB, and its
 * own data folder, so its own key store), started the way playwright.config.ts starts the first one.
 */
export interface ExtraHost {
  url: string;
  dataDir: string;
  token: string;
  stop(): Promise<void>;
}

const repoRoot = resolve(import.meta.dirname, '..', '..');

/** `token`: the run's own token (playwright.config.ts), so that fixtures.callApi works against this host too. */
export async function startExtraHost(port: number, name: string, token = `e2e-${name}-${process.pid}-${Date.now()}`): Promise<ExtraHost> {
  const dataDir = mkdtempSync(join(tmpdir(), `seiho-e2e-${name}-`));
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(
    process.execPath,
    ['dist/node/main/browserHost/cli.js', '--port', String(port), '--data-dir', dataDir, '--token', token, '--kdf-cost', 'INTERACTIVE'],
    { cwd: repoRoot, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`browser host ${name} exited: ${stderr}`);
    try {
      if ((await fetch(`${url}/`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new Error(`browser host ${name} did not start on ${port}: ${stderr}`);
    }
    await new Promise((wait) => setTimeout(wait, 200));
  }
  return {
    url,
    dataDir,
    token,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Calls the contract of a host over HTTP with its token, as fixtures.callApi does for the first host. */
export async function callHost<T = unknown>(request: APIRequestContext, host: { url: string; token: string }, method: string, body: unknown = {}): Promise<T> {
  const response = await request.post(`${host.url}/api/${method}`, { data: body, headers: { authorization: `Bearer ${host.token}` } });
  const result = await response.json();
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}
