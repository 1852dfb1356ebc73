/** A form-level failure (the service refused, the passphrase was wrong), announced to screen readers at once. */
export function FormAlert({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p role="alert" className="field-error">
      {message}
    </p>
  );
}
