import type { FieldValues, Resolver } from 'react-hook-form';

/**
 * A form resolver whose rules (zod and the schemas) load on first use instead of with the screen, for screens that
 * must paint before zod is ready (the lock screen). `preload` starts loading early, e.g. once the screen is idle,
 * so the first submit does not wait.
 */
export function lazyResolver<T extends FieldValues>(load: () => Promise<Resolver<T>>): Resolver<T> & { preload(): void } {
  let loading: Promise<Resolver<T>> | undefined;
  const get = () =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined; // a failed chunk load is retried on the next submit
      throw error;
    }));
  const resolver = (async (values, context, options) => (await get())(values, context, options)) as Resolver<T> & { preload(): void };
  resolver.preload = () => void get().catch(() => {});
  return resolver;
}
