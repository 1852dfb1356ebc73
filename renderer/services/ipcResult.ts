import type { Result } from '../../shared/ipc/result';

/** A main-process refusal, carried as a thrown error like the data layer's, with main's Japanese message. */
export class MainRefusal extends Error {
  override readonly name = 'MainRefusal';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The value of an IPC envelope, or main's refusal thrown: services speak one way, whichever side refused. */
export function unwrapResult<T>(result: Result<T>): T {
  if (!result.ok) throw new MainRefusal(result.error.code, result.error.message);
  return result.value;
}
