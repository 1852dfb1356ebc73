import type { AuditEntry } from '../../data/audit';
import { isDamaged, type DamagedRecord } from '../../data/errors';
import { auditSummary, kindLabel, type NameOf } from './auditLabels';

/**
 * The auditor's export files. JSON keeps every entry whole (with its hashes, so the chain can be checked
 * elsewhere); CSV is for a spreadsheet: UTF-8 with a BOM so Excel reads the Japanese, and cells that a
 * spreadsheet would run as a formula are defused.
 */

export function auditJson(rows: readonly (AuditEntry | DamagedRecord)[]): string {
  return JSON.stringify({ format: 'seiho-desk-audit', exportedAt: new Date().toISOString(), entries: rows }, null, 2);
}

const cell = (value: string | number) => {
  const text = String(value);
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
};

/** A spreadsheet file: a BOM, CRLF lines, every cell quoted and defused. */
export function csvText(header: readonly string[], lines: readonly (readonly (string | number)[])[]): string {
  return `\uFEFF${[header, ...lines].map((line) => line.map(cell).join(',')).join('\r\n')}\r\n`;
}

const header = ['番号', '日時', '職員ID', '職員', '種類', '内容', '端末ID', '前のハッシュ', 'ハッシュ'];

export function auditCsv(rows: readonly (AuditEntry | DamagedRecord)[], nameOf: NameOf): string {
  const lines = rows.map((row) =>
    isDamaged(row)
      ? [row.id, '', '', '', '', row.__integrityError, '', '', '']
      : [row.seq, row.at, row.actor, nameOf(row.actor), kindLabel(row), auditSummary(row, nameOf), row.deviceId, row.prevHash, row.hash],
  );
  return csvText(header, lines);
}

/** Hands a file to the browser's download (no server round trip: the data never leaves the renderer otherwise). */
export function download(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
