/**
 * When every form checks its fields: a field is first judged when it is left (an IME composition is never
 * interrupted), then at each change, so a corrected field's error goes while it is typed and a select's choice is
 * judged at once. Judged only on blur, the error went on the blur that a click on 登録する causes: the button moved
 * from under the pointer and the click was lost.
 */
export const fieldChecks = { mode: 'onTouched' } as const;
