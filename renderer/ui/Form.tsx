import type { ComponentPropsWithoutRef } from 'react';

/**
 * Every form of the product. `autoComplete="off"` on the form element is what keeps Chromium from saving the state of
 * all its controls — textareas, selects and checkboxes included — into the profile's session files for restore, where
 * it would sit in clear UTF-16 on disk; nor may autofill learn from it. A select is covered only by its form (Blink
 * saves a formless select's choice whatever the select says), so a screen puts even a lone picker in a Form. A form
 * that needs a different value cannot have one: no form of ours should be remembered by the browser.
 * test/e2e-browser/formStateAtRest.spec.ts checks every screen it visits and scans the profile afterwards.
 */
export function Form(props: Omit<ComponentPropsWithoutRef<'form'>, 'autoComplete'>) {
  return <form {...props} autoComplete="off" />;
}
