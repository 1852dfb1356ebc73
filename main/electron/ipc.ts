import { ipcMain } from 'electron';
import { contract, methodNames } from '../../shared/ipc/contract.js';
import { createRouter, type Handlers } from '../ipc/router.js';
import { isAppOrigin, originOf } from '../security/origin.js';

/** Registers one `ipcMain.handle` per contract channel, all through the router (origin check, validation, envelope). */
export function registerIpc(handlers: Handlers, log: (line: string) => void) {
  const router = createRouter(handlers, isAppOrigin, log);
  for (const method of methodNames) {
    ipcMain.handle(contract[method].channel, (event, request: unknown) =>
      router.dispatch(method, request, { senderOrigin: originOf(event.senderFrame?.url ?? '') }),
    );
  }
}
