import type { ServiceContext } from './context';
import { unwrapResult } from './ipcResult';

/** This device as the home screen shows it: the application's version and host, and main's health checks. */
export function deviceStatusServices({ api }: Pick<ServiceContext, 'api'>) {
  return {
    deviceStatus: {
      async appInfo() {
        return unwrapResult(await api.appInfo({}));
      },
      async health() {
        return unwrapResult(await api.healthCheck({}));
      },
    },
  };
}
