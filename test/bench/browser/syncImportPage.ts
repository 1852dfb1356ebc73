import { runImportBench } from '../sync/importBench';
import { reportOutcome } from './benchOutcome';

/** The hub import bench against Chromium's IndexedDB. */
const query = new URLSearchParams(location.search);

reportOutcome(() => runImportBench({}, Number(query.get('devices') ?? 5), Number(query.get('rows') ?? 2000)));
