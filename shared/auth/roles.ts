import { z } from 'zod';

/**
 * Staff roles, from the PIA's list of who handles the file. The data layer decides what each may read and
 * write; the screens only follow it.
 */
export const roles = ['caseworker', 'supervisor', 'manager', 'intakeOfficer', 'accounting', 'systemAdmin', 'auditor'] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

export const roleLabels: Record<Role, string> = {
  caseworker: 'ケースワーカー',
  supervisor: '査察指導員',
  manager: '課長',
  intakeOfficer: '面接相談員',
  accounting: '経理',
  systemAdmin: 'システム管理者',
  auditor: '監査担当',
};

export const deviceProfiles = ['hub', 'office', 'field'] as const;
export const deviceProfileSchema = z.enum(deviceProfiles);
export type DeviceProfile = z.infer<typeof deviceProfileSchema>;

export const deviceProfileLabels: Record<DeviceProfile, string> = {
  hub: 'ハブ端末（管理者）',
  office: '事務所端末',
  field: '訪問用端末（個人番号を扱わない）',
};

/** Who a user is in the office: shown on screens and used by the data layer to scope what they may read. */
export const staffProfileSchema = z
  .object({
    displayName: z.string().trim().min(1, { error: '氏名を入力してください' }).max(50, { error: '氏名は50文字以内で入力してください' }),
    role: roleSchema,
    /** The supervisor's team a caseworker belongs to, or a supervisor leads. */
    teamId: z.string().trim().max(40).nullable(),
  })
  .strict();
export type StaffProfile = z.infer<typeof staffProfileSchema>;
