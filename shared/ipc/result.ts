/**
 * The envelope every IPC call returns. Errors cross the process boundary as data: thrown errors lose their
 * class on the way, and a renderer that must catch would too easily forget to.
 */
export type AppError = { code: string; message: string };
export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: string, message: string): Result<never> => ({ ok: false, error: { code, message } });
