/**
 * The engine's one error type. `path` names the input field a caller should point at (e.g. `month` when no table
 * is in force on that date), so the CLI and the wizards can show it next to the field instead of a stack trace.
 */
export type CalcErrorCode = 'tableNotInForce' | 'invalidInput';

export class CalcError extends Error {
  override readonly name = 'CalcError';
  constructor(
    readonly code: CalcErrorCode,
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}
