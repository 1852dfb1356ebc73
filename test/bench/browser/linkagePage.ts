import { openDatabase } from '../../../renderer/data/db';
import { uuidv7 } from '../../../shared/ids/uuidv7';
import type { RequestRecord, ResultRecord } from '../../../shared/linkage/exchangeFormat';
import { runLinkageBench, type LinkageBenchResult } from '../linkage/linkageBench';
import { reportOutcome } from './benchOutcome';

/** The linkage bench against Chromium's IndexedDB; the launcher exposes the file side as these functions. */
declare global {
  interface Window {
    benchWriteExchange(records: RequestRecord[]): Promise<string>;
    benchAnswer(): Promise<void>;
    benchReadResults(): Promise<{ exchangeId: string; records: ResultRecord[] }>;
  }
}

const n = Number(new URLSearchParams(location.search).get('n') ?? 10_000);

reportOutcome(async (): Promise<LinkageBenchResult> => {
  const store = await openDatabase(crypto.getRandomValues(new Uint8Array(32)), {
    kid: 'bench',
    device: { id: uuidv7(), profile: 'hub' },
    name: `linkage-bench-${uuidv7()}`,
  });
  try {
    return await runLinkageBench(
      store,
      { write: (records) => window.benchWriteExchange(records), answer: () => window.benchAnswer(), read: () => window.benchReadResults() },
      n,
    );
  } finally {
    store.close();
  }
});
