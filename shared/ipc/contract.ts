import { z } from 'zod';
import { officeSettingsSchema, storedOfficeSettingsSchema } from '../settings/officeSettings.js';

/**
 * The IPC contract: every request the renderer may make of the main process, by method name. The preload
 * exposes exactly one function per entry, main's router validates every request against `request` before a
 * handler sees it, and the browser host answers the same entries over HTTP. Later features add entries here.
 */
const channel = <Req extends z.ZodType, Res extends z.ZodType>(name: string, request: Req, response: Res) => ({
  channel: name,
  request,
  response,
});

const empty = z.object({}).strict();

export const contract = {
  appInfo: channel(
    'app:info',
    empty,
    z.object({
      name: z.string(),
      version: z.string(),
      host: z.enum(['electron', 'browser']),
      platform: z.string(),
      dataDir: z.string(),
    }),
  ),
  healthCheck: channel(
    'app:health',
    empty,
    z.object({ status: z.enum(['ok', 'degraded']), checks: z.array(z.object({ name: z.string(), ok: z.boolean(), detail: z.string() })) }),
  ),
  settingsGet: channel('settings:get', empty, storedOfficeSettingsSchema),
  settingsSet: channel('settings:set', officeSettingsSchema, officeSettingsSchema),
} as const;

/** Main → renderer notifications. The preload exposes `on<Name>(listener)` returning an unsubscribe function. */
export const events = {
  settingsChanged: { channel: 'settings:changed', payload: officeSettingsSchema },
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type EventName = keyof typeof events;
export type RequestOf<M extends MethodName> = z.input<Contract[M]['request']>;
export type ResponseOf<M extends MethodName> = z.output<Contract[M]['response']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]['payload']>;

export const methodNames = Object.keys(contract) as MethodName[];
export const eventNames = Object.keys(events) as EventName[];

/** `settingsChanged` → `onSettingsChanged`: the preload's subscription function for an event. */
export const subscriberName = (event: EventName) => `on${event[0]!.toUpperCase()}${event.slice(1)}` as const;
