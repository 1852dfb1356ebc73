// `npx tsx test/bench/audit-log-chromium.bench.ts [entries] [rounds]`: the auditor's 監査ログ in Debian's Chromium
// against real IndexedDB (sealed, hash-chained entries, real libsodium): 100,000 entries by 30 staff over 300
// households, then the screen's reads — a page, a deep page, each filter, a case — and the whole export. Prints
// medians and every round; no thresholds.
import { formatAuditLogBench, type AuditLogResult } from './audit/auditLogBench.js';
import { runBenchPage } from './browser/chromiumBench.js';

const [entries = 100_000, rounds = 3] = process.argv.slice(2).map(Number);
const { results, chromiumVersion } = await runBenchPage<AuditLogResult>({ html: 'auditLog.html', outDir: 'bench-audit-log', query: { entries, rounds } });
for (const line of formatAuditLogBench(results)) console.log(line);
console.log(`audit log (Chromium): Chromium ${chromiumVersion}`);
