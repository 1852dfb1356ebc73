import type { ComponentPropsWithoutRef } from 'react';

/**
 * Every form of the product. `autoComplete="off"` on the form element is what keeps Chromium from saving the state of
 * all its controls — textareas, selects and checkboxes included, which a control-level attribute does not cover —
 * into the profile's session files for restore, where it would sit in clear UTF-16 on disk; nor may autofill learn
 * from it. A form that needs a different value cannot have one: no form of ours should be remembered by the browser.
 */
export function Form(props: Omit<ComponentPropsWithoutRef<'form'>, 'autoComplete'>) {
  return <form {...props} autoComplete="off" />;
}
