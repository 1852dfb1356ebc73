// Restoring replaces the key store and the database, so it runs with the vault locked and the database closed:
// the 管理 screen leaves the chosen file here and locks; the lock screen opens the restore screen with it selected.
// Its own module so the lock screen can check for a request without loading the restore screen (and the database).
const REQUEST_KEY = 'seiho:restoreRequest';

export function requestRestore(fileName: string): void {
  sessionStorage.setItem(REQUEST_KEY, fileName);
}
export const pendingRestore = (): string | null => sessionStorage.getItem(REQUEST_KEY);
export const clearRestoreRequest = (): void => sessionStorage.removeItem(REQUEST_KEY);
