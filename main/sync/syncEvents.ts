/** Sync events for the audit log, journaled like the vault's (main/vault/eventJournal.ts). Never a key or the code. */
export type SyncEvent = {
  at: string;
  userId: string;
  type: 'deviceEnrolled';
  deviceId: string;
  profile: string;
  name: string;
  /** Comma-separated user ids the device is enrolled for, and whose caseloads it carries. */
  users: string;
  caseloads: string;
  signPublicKey: string;
};
