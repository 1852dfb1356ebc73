import { runCheckoutBench } from '../sync/checkoutBench';
import { reportOutcome } from './benchOutcome';

/** The sync checkout bench against Chromium's IndexedDB. */
const households = Number(new URLSearchParams(location.search).get('households') ?? 300);

const gzipBytes = async (text: string) => (await new Response(new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer()).byteLength;

reportOutcome(() => runCheckoutBench({}, households, gzipBytes));
