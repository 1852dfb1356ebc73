import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { deviceProfileSchema, type DeviceProfile } from '../../shared/auth/roles.js';
import { atomicWriteFile } from '../fs/atomicWrite.js';
import { ServiceError } from '../ipc/router.js';

const deviceSchema = z
  .object({
    id: z.string().uuid(),
    profile: deviceProfileSchema,
    enrolledAt: z.string(),
    /** Sync (issue 12): the hub that enrolled this device; absent on the hub and on a device set up before sync. */
    hubDeviceId: z.string().uuid().optional(),
  })
  .strict();
export type Device = z.infer<typeof deviceSchema>;

/**
 * This device's identity (`device.json`): its id (HLC node, outbox sequence) and its profile, fixed at set-up.
 * The profile decides what the device may hold — a field device never receives 個人番号.
 */
export function createDeviceStore(dataDir: string) {
  const path = join(dataDir, 'device.json');
  const write = async (device: Device) => {
    await atomicWriteFile(path, `${JSON.stringify(deviceSchema.parse(device), null, 2)}\n`);
    return device;
  };
  return {
    async read(): Promise<Device | null> {
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
      const parsed = deviceSchema.safeParse(JSON.parse(text));
      if (!parsed.success) throw new ServiceError('DEVICE_DAMAGED', `端末情報ファイルが破損しています: ${path}`);
      return parsed.data;
    },
    async enrol(profile: DeviceProfile, now: Date): Promise<Device> {
      return write({ id: randomUUID(), profile, enrolledAt: now.toISOString() });
    },
    /** Set-up from an enrolment file: the id and profile the hub gave this device. */
    async adopt(enrolment: { id: string; profile: DeviceProfile; hubDeviceId: string }, now: Date): Promise<Device> {
      return write({ ...enrolment, enrolledAt: now.toISOString() });
    },
  };
}
