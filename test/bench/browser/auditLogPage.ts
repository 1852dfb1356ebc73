import { runAuditLogBench } from '../audit/auditLogBench';
import { reportOutcome } from './benchOutcome';

/** The audit log bench in Chromium (test/bench/audit-log-chromium.bench.ts). */
const params = new URLSearchParams(location.search);
reportOutcome(() => runAuditLogBench(Number(params.get('entries') ?? 100_000), Number(params.get('rounds') ?? 3)));
