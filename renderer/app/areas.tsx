import type { ComponentType } from 'react';
import type { Role } from '../../shared/auth/roles';
import { AdminScreen } from '../features/admin/AdminScreen';
import { AuditScreen } from '../features/audit/AuditScreen';
import { CasesArea } from '../features/cases/CasesArea';
import { CalcScreen } from '../features/calc/CalcScreen';
import { AreaPlaceholder } from '../features/home/AreaPlaceholder';
import { HomeScreen } from '../features/home/HomeScreen';
import { IntakeArea } from '../features/intake/IntakeArea';
import { LinkageScreen } from '../features/linkage/LinkageScreen';
import { SettingsScreen } from '../features/settings/SettingsScreen';

/** `roles`: who sees the area in the menu (everyone when absent). The data layer refuses the rest regardless. */
export type Area = { path: string; label: string; Screen: ComponentType; roles?: readonly Role[] };

const casework: readonly Role[] = ['caseworker', 'supervisor', 'manager', 'intakeOfficer', 'accounting', 'systemAdmin'];

const planned = (label: string, purpose: string): ComponentType =>
  function Planned() {
    return <AreaPlaceholder title={label} purpose={purpose} />;
  };

/** The areas of the app, in menu order. Each later feature replaces its placeholder with its screens. */
export const areas: Area[] = [
  { path: '/', label: 'ホーム', Screen: HomeScreen },
  { path: '/cases', label: 'ケース一覧', Screen: CasesArea, roles: casework },
  { path: '/intake', label: '相談・申請', Screen: IntakeArea, roles: ['caseworker', 'supervisor', 'manager', 'intakeOfficer'] },
  { path: '/calc', label: '計算', Screen: CalcScreen, roles: casework },
  { path: '/linkage', label: '連携', Screen: LinkageScreen, roles: ['systemAdmin'] },
  { path: '/sync', label: '同期', roles: ['systemAdmin'], Screen: planned('同期', '訪問用端末とハブ端末の間で同期バンドルを交換し、隔離されたデータを確認します。') },
  { path: '/admin', label: '管理', Screen: AdminScreen, roles: ['systemAdmin'] },
  { path: '/audit', label: '監査', Screen: AuditScreen, roles: ['auditor'] },
  { path: '/settings', label: '設定', Screen: SettingsScreen, roles: ['systemAdmin'] },
];
