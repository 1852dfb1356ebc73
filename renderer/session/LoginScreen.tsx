import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { FormAlert } from '../ui/FormAlert';
import { lazyResolver } from '../ui/lazyResolver';
import { TextField } from '../ui/TextField';
import { pendingRestore } from './restoreRequest';
import { LazyRestoreScreen as RestoreScreen } from './lazyScreens';
import { useSessionControls } from './SessionProvider';
import { Form } from '../ui/Form';

type Login = z.infer<typeof import('./loginSchema').loginSchema>;
// zod and the rules load after the screen has painted (the first paint waits for no schema), at the latest on submit.
const resolver = lazyResolver<Login>(() => import('./loginSchema').then((m) => m.loginResolver));

/** The lock screen: the database stays closed until main accepts the passphrase. */
/**
 * What the lock screen loads once it has painted and the page is idle, while the user types: the form rules, the
 * unlocked session's code (database layer, libsodium — its WebAssembly compiled too), and whatever the caller adds
 * (`onIdle`: the app behind the lock). Unlock then waits only for main's key derivation and opening the database.
 */
function warmUp(onIdle?: () => void) {
  resolver.preload();
  void import('./unlock').catch(() => {}); // loaded again, and its error shown, when unlock needs it
  void import('../../shared/crypto/sodium').then((m) => m.loadSodium()).catch(() => {});
  onIdle?.();
}

export function LoginScreen({ officeName, onIdle }: { officeName: string; onIdle?: () => void }) {
  const { unlock } = useSessionControls();
  const [error, setError] = useState<string | null>(null);
  const [restoring, setRestoring] = useState(() => pendingRestore() !== null);
  const form = useForm<Login>({ resolver, mode: 'onSubmit', defaultValues: { loginId: '', passphrase: '' } });
  useEffect(() => {
    if (typeof requestIdleCallback !== 'function') return warmUp(onIdle);
    const idle = requestIdleCallback(() => warmUp(onIdle));
    return () => cancelIdleCallback(idle);
  }, [onIdle]);
  const submit = form.handleSubmit(async ({ loginId, passphrase }) => {
    setError(null);
    const result = await unlock(loginId, passphrase);
    if (!result.ok) {
      setError(result.message);
      form.setValue('passphrase', '');
      form.setFocus('passphrase');
    }
  });
  if (restoring) return <RestoreScreen onCancel={() => setRestoring(false)} />;
  return (
    <main className="gate" aria-labelledby="login-title">
      <h1 id="login-title">生活保護ケースデスク</h1>
      <p className="office-name">{officeName}</p>
      <Form onSubmit={submit} noValidate aria-busy={form.formState.isSubmitting}>
        <TextField label="ログインID" name="loginId" form={form} autoFocus />
        <TextField label="パスフレーズ" name="passphrase" form={form} type="password" />
        <button type="submit" disabled={form.formState.isSubmitting}>
          {form.formState.isSubmitting ? '確認しています…' : 'ログイン'}
        </button>
      </Form>
      <FormAlert message={error} />
      <p>
        <button type="button" className="link-button" onClick={() => setRestoring(true)}>
          バックアップから復元
        </button>
      </p>
    </main>
  );
}
