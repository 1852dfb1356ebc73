import type { z } from 'zod';
import { contract, type MethodName, type ResponseOf } from '../../shared/ipc/contract.js';
import { fail, ok, type Result } from '../../shared/ipc/result.js';

/** What a handler learns about its caller. Electron fills it from the sender frame, the browser host from the request. */
export type CallContext = { senderOrigin: string };

export type Handlers = {
  [M in MethodName]: (request: z.output<(typeof contract)[M]['request']>, context: CallContext) => Promise<ResponseOf<M>> | ResponseOf<M>;
};

/** A handler throws this to send a specific code and Japanese message back instead of the generic failure. */
export class ServiceError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Formats zod issues as `field: 理由` lines, so the renderer can name the field in its message. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues.map((issue) => `${issue.path.length ? issue.path.join('.') : '(全体)'}: ${issue.message}`).join('\n');
}

export type Router = {
  dispatch<M extends MethodName>(method: M, rawRequest: unknown, context: CallContext): Promise<Result<ResponseOf<M>>>;
};

/**
 * The one place requests enter the main process. It refuses callers whose origin is not trusted, validates
 * the request before the handler sees it, validates the response so a handler bug can't leak extra fields,
 * and turns every failure into an error envelope.
 */
export function createRouter(handlers: Handlers, isTrustedOrigin: (origin: string) => boolean, log: (line: string) => void = () => {}): Router {
  return {
    async dispatch(method, rawRequest, context) {
      const entry = contract[method];
      if (!entry) return fail('UNKNOWN_CHANNEL', `不明な要求です: ${String(method)}`);
      if (!isTrustedOrigin(context.senderOrigin)) {
        log(`refused ${entry.channel} from untrusted origin ${context.senderOrigin}`);
        return fail('FORBIDDEN_SENDER', 'この画面からの要求は受け付けられません');
      }
      const parsed = entry.request.safeParse(rawRequest ?? {});
      if (!parsed.success) return fail('INVALID_REQUEST', `入力内容に誤りがあります\n${describeIssues(parsed.error.issues)}`);
      try {
        const handler = handlers[method] as (req: unknown, ctx: CallContext) => Promise<unknown> | unknown;
        const value = entry.response.parse(await handler(parsed.data, context));
        return ok(value as ResponseOf<typeof method>);
      } catch (error) {
        if (error instanceof ServiceError) return fail(error.code, error.message);
        log(`handler ${entry.channel} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        return fail('INTERNAL', '処理中にエラーが発生しました。管理者に連絡してください');
      }
    },
  };
}
