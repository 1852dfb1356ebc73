import { z } from 'zod';
import { deviceProfileSchema, roleSchema } from '../auth/roles.js';

/**
 * The clear part of an enrolment file (`*.seihoenrol`, README.md beside this file): what the hub tells a new device
 * about itself before anyone has typed the enrolment code. The secret part (the device's keys and the office's blind
 * key) is encrypted under the code with this part as associated data, so a changed byte here refuses the code.
 */
export const ENROLMENT_FORMAT = 'seiho-enrolment';
export const ENROLMENT_FORMAT_VERSION = 1;

const id = z.string().min(1).max(200);
const publicKey = z.string().regex(/^[A-Za-z0-9+/]{43}=$/);

export const enrolledUserSchema = z
  .object({ userId: id, loginId: z.string().min(1).max(64), displayName: z.string().min(1).max(50), role: roleSchema, teamId: z.string().max(40).nullable() })
  .strict();
export type EnrolledUser = z.infer<typeof enrolledUserSchema>;

export const enrolmentClearSchema = z
  .object({
    format: z.literal(ENROLMENT_FORMAT),
    version: z.literal(ENROLMENT_FORMAT_VERSION),
    officeId: id,
    officeName: z.string().min(1).max(100),
    deviceId: z.string().uuid(),
    /** A hub enrols office desktops and field laptops; there is one hub. */
    profile: deviceProfileSchema.exclude(['hub']),
    /** The name the administrator gave the device (「訪問用PC 3」). */
    name: z.string().min(1).max(100),
    hubDeviceId: z.string().uuid(),
    hub: z.object({ signPublicKey: publicKey, boxPublicKey: publicKey }).strict(),
    /** The device's own public keys, which the hub keeps in its registry. */
    device: z.object({ signPublicKey: publicKey, boxPublicKey: publicKey }).strict(),
    users: z.array(enrolledUserSchema).min(1).max(50),
    caseloadUserIds: z.array(id).max(500),
    createdAt: z.string().datetime(),
  })
  .strict();
export type EnrolmentClear = z.infer<typeof enrolmentClearSchema>;
