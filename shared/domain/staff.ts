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
}
