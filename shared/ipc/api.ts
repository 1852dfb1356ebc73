import type { Result } from './result.js';
import type { EventName, EventPayload, MethodName, RequestOf, ResponseOf } from './contract.js';

/**
 * What the renderer sees as `window.seiho`: one function per contract method plus one subscription per
 * event. Derived from the contract, so adding a channel changes the preload, the browser host and the
 * renderer's types together.
 */
export type SeihoApi = { [M in MethodName]: (request: RequestOf<M>) => Promise<Result<ResponseOf<M>>> } & {
  [E in EventName as `on${Capitalize<E>}`]: (listener: (payload: EventPayload<E>) => void) => () => void;
};
