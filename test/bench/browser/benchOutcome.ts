/** What a bench page leaves for its launcher (chromiumBench.ts) to collect. */
export type BenchOutcome<T> = { ok: true; results: T } | { ok: false; error: string };

declare global {
  interface Window {
    benchOutcome?: BenchOutcome<unknown>;
  }
}

/** Runs the page's bench and leaves its results, or the error with its stack, on `window.benchOutcome`. */
export function reportOutcome<T>(run: () => Promise<T>): void {
  run().then(
    (results) => (window.benchOutcome = { ok: true, results }),
    (error: unknown) => (window.benchOutcome = { ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
}
