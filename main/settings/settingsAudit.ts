import { createHash } from 'node:crypto';
import { canonicalJson } from '../../shared/crypto/canonicalJson.js';
import type { StoredOfficeSettings } from '../../shared/settings/officeSettings.js';
import { exchangeKeyFingerprint } from '../linkage/exchangeSigner.js';

/**
 * The settings whose change decides what the office trusts or how its sessions are protected: each change of one is
 * journaled (main/vault/eventJournal.ts) and chained into the audit log at the next unlock, with the fingerprints of
 * the value before and after — never the value itself (the log is not a second copy of the settings).
 */
const securityRelevant = {
  idleLockMinutes: (s: StoredOfficeSettings) => s.idleLockMinutes,
  'linkage.peerPublicKey': (s: StoredOfficeSettings) => s.linkage?.peerPublicKey ?? null,
  'linkage.exchangeDir': (s: StoredOfficeSettings) => s.linkage?.exchangeDir ?? null,
  'linkage.officeCode': (s: StoredOfficeSettings) => s.linkage?.officeCode ?? null,
  'linkage.payerNumber': (s: StoredOfficeSettings) => s.linkage?.payerNumber ?? null,
  'linkage.items': (s: StoredOfficeSettings) => s.linkage?.items ?? null,
  'linkage.requireSealedResults': (s: StoredOfficeSettings) => s.linkage?.requireSealedResults ?? true,
  'linkage.officeKeys': (s: StoredOfficeSettings) => s.linkage?.officeKeys ?? null,
  // Where sync bundles are written and read (issue 12).
  syncFolder: (s: StoredOfficeSettings) => s.syncFolder ?? null,
} as const;

/** A journaled change of one security-relevant setting. */
export type SettingsEvent = { at: string; userId: string | null; type: 'settingsChanged'; field: string; before: string | null; after: string | null };

/**
 * The fingerprint of a setting's value, in the form of a key fingerprint (`1A2B-3C4D-5E6F-7A8B`); the peer key's is
 * its key fingerprint, the one the 連携設定 screen shows and the other side reads back.
 */
export function settingFingerprint(field: string, value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (field === 'linkage.peerPublicKey') return exchangeKeyFingerprint(Buffer.from(value as string, 'base64'));
  const hex = createHash('sha256').update(canonicalJson(value)).digest('hex').slice(0, 16).toUpperCase();
  return hex.match(/.{4}/g)!.join('-');
}

/** The security-relevant fields `after` changed from `before`, each with its fingerprints. */
export function securityChanges(before: StoredOfficeSettings, after: StoredOfficeSettings): { field: string; before: string | null; after: string | null }[] {
  return Object.entries(securityRelevant).flatMap(([field, read]) => {
    const [was, is] = [read(before), read(after)];
    if (canonicalJson(was) === canonicalJson(is)) return [];
    return [{ field, before: settingFingerprint(field, was), after: settingFingerprint(field, is) }];
  });
}
