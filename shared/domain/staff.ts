import type { DeviceProfile, Role } from '../auth/roles.js';

/**
 * Who is working, in what capacity, on which kind of device. Main issues it at unlock; every repository call
 * takes it, and the data layer enforces it (renderer/data/access.ts).
 */
export interface Session {
  userId: string;
  role: Role;
  /** The team a caseworker belongs to or a supervisor leads; null for roles without one. */
  teamId: string | null;
  deviceProfile: DeviceProfile;
  /** The hub the device was enrolled to (absent or null: the hub itself, or an office set up on its own). */
  hubDeviceId?: string | null | undefined;
}

/**
 * Whether the hub's own work — approvals, 医療券, 債権 — is done on the hub rather than here: on a device enrolled to
 * one (the data layer refuses it there too; screens offer it only where it can be done).
 */
export const worksThroughHub = (session: Pick<Session, 'deviceProfile' | 'hubDeviceId'>): boolean => session.deviceProfile !== 'hub' && !!session.hubDeviceId;
