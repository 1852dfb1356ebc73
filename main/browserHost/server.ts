import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { contract, type EventName, type EventPayload, type MethodName } from '../../shared/ipc/contract.js';
import { contentSecurityPolicy } from '../../shared/security/contentSecurityPolicy.js';
import { createRouter, type Handlers } from '../ipc/router.js';
import { readStaticFile } from '../protocol/staticFiles.js';

/**
 * The browser host: serves the built renderer on loopback and answers the IPC contract over HTTP with the
 * same handlers the Electron shell uses. A development and test tool only, never packaged.
 *
 * Every API call must carry the per-run token (`authorization: Bearer …`). The page learns it from a meta tag
 * the host writes into index.html; other origins cannot read that page, and other local users cannot guess it.
 */
export type BrowserHost = {
  url: string;
  token: string;
  server: Server;
  emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void;
  close(): Promise<void>;
};

const maxBodyBytes = 16 * 1024 * 1024;

export async function startBrowserHost(options: {
  rendererDir: string;
  port: number;
  createHandlers: (emit: BrowserHost['emit']) => Handlers;
  token?: string;
}): Promise<BrowserHost> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const subscribers = new Set<ServerResponse>();
  const emit: BrowserHost['emit'] = (event, payload) => {
    const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const response of subscribers) response.write(frame);
  };
  const handlers = options.createHandlers(emit);
  let origin = '';
  // The token is the proof of a trusted caller here; the origin check mirrors the sender-frame check in Electron.
  const router = createRouter(
    handlers,
    (candidate) => candidate === origin,
    (line) => console.warn(line),
  );
  const hasToken = (request: IncomingMessage, url: URL) => {
    const presented = request.headers.authorization?.replace(/^Bearer /, '') ?? url.searchParams.get('token') ?? '';
    const a = Buffer.from(presented);
    const b = Buffer.from(token);
    return a.length === b.length && timingSafeEqual(a, b);
  };

  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', origin);
    response.setHeader('x-content-type-options', 'nosniff');
    response.setHeader('cache-control', 'no-store');
    if (url.pathname.startsWith('/api/')) {
      if (!hasToken(request, url)) return sendJson(response, 401, { ok: false, error: { code: 'UNAUTHORIZED', message: 'トークンがありません' } });
      if (url.pathname === '/api/events' && request.method === 'GET') {
        response.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', connection: 'keep-alive' });
        response.write(': connected\n\n');
        subscribers.add(response);
        request.on('close', () => subscribers.delete(response));
        return;
      }
      const method = url.pathname.slice('/api/'.length) as MethodName;
      if (request.method !== 'POST' || !Object.hasOwn(contract, method)) {
        return sendJson(response, 404, { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: `不明な要求です: ${method}` } });
      }
      let body: unknown;
      try {
        body = JSON.parse((await readBody(request)) || '{}');
      } catch {
        return sendJson(response, 400, { ok: false, error: { code: 'INVALID_REQUEST', message: '要求の形式が正しくありません' } });
      }
      return sendJson(response, 200, await router.dispatch(method, body, { senderOrigin: request.headers.origin ?? origin }));
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') return void response.writeHead(405).end();
    const file = await readStaticFile(options.rendererDir, url.pathname);
    if (!file) return void response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('見つかりません');
    const body = file.mimeType.startsWith('text/html')
      ? Buffer.from(file.body.toString('utf8').replace('</head>', `<meta name="seiho-host-token" content="${token}"></head>`))
      : file.body;
    // no-store: the page is never kept in the back-forward cache or the disk cache, so no state of it outlives the tab.
    response.writeHead(200, { 'content-type': file.mimeType, 'content-security-policy': contentSecurityPolicy, 'cache-control': 'no-store' });
    response.end(request.method === 'HEAD' ? undefined : body);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${origin}/`,
    token,
    server,
    emit,
    close: () =>
      new Promise((resolve) => {
        for (const response of subscribers) response.end();
        server.close(() => resolve());
      }),
  };
}

function sendJson(response: ServerResponse, status: number, value: unknown) {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(value));
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBodyBytes) {
        reject(new Error('request too large'));
        request.destroy();
      } else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
