import type { AuditEntry } from '../../data/audit';
import { isDamaged, type DamagedRecord } from '../../data/errors';
import { auditSummary, caseNumberOf, kindLabel, type AuditReaders } from './auditLabels';

/**
 * The auditor's export files. JSON keeps every entry whole (with its hashes, so the chain can be checked
 * elsewhere); CSV is for a spreadsheet: UTF-8 with a BOM so Excel reads the Japanese, and cells that a
 * spreadsheet would run as a formula are defused.
 */

/** `filter` says in words which entries were asked for (the screen's criteria); `caseNumbers` names the households. */
export function auditJson(rows: readonly (AuditEntry | DamagedRecord)[], filter: string, caseNumbers: Readonly<Record<string, string>>): string {
  return JSON.stringify({ format: 'seiho-desk-audit', exportedAt: new Date().toISOString(), filter, caseNumbers, entries: rows }, null, 2);
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

const header = ['番号', '日時', '職員ID', '職員', '種類', 'ケース番号', '内容', '記録ID', '端末ID', '前のハッシュ', 'ハッシュ'];

/** The entries as the screen shows them (the same labels), with the ids and hashes a check elsewhere needs. */
export function auditCsv(rows: readonly (AuditEntry | DamagedRecord)[], readers: AuditReaders): string {
  const lines = rows.map((row) => {
    if (isDamaged(row)) return [row.id, '', '', '', '', '', row.__integrityError, '', '', '', ''];
    const recordId = 'recordId' in row.detail ? row.detail.recordId : '';
    return [
      row.seq,
      row.at,
      row.actor,
      readers.nameOf(row.actor),
      kindLabel(row),
      caseNumberOf(row, readers),
      auditSummary(row, readers),
      recordId,
      row.deviceId,
      row.prevHash,
      row.hash,
    ];
  });
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
