import { lazy, type ComponentType } from 'react';
import type { Role } from '../../shared/auth/roles';
import type { Session } from '../../shared/domain/staff';

// Every screen is its own chunk, loaded when first shown: the lock screen paints without the features, and the
// features (with the data layer behind them) load after unlock.
const AdminScreen = lazy(() => import('../features/admin/AdminScreen').then((m) => ({ default: m.AdminScreen })));
const AuditScreen = lazy(() => import('../features/audit/AuditScreen').then((m) => ({ default: m.AuditScreen })));
const CasesArea = lazy(() => import('../features/cases/CasesArea').then((m) => ({ default: m.CasesArea })));
const CalcScreen = lazy(() => import('../features/calc/CalcScreen').then((m) => ({ default: m.CalcScreen })));
const loadHome = () => import('../features/home/HomeScreen');
const HomeScreen = lazy(() => loadHome().then((m) => ({ default: m.HomeScreen })));
/** The first screen after unlock, loaded ahead while the lock screen waits. */
export const preloadHome = () => void loadHome().catch(() => {});
const IntakeArea = lazy(() => import('../features/intake/IntakeArea').then((m) => ({ default: m.IntakeArea })));
const LinkageScreen = lazy(() => import('../features/linkage/LinkageScreen').then((m) => ({ default: m.LinkageScreen })));
const FiguresScreen = lazy(() => import('../features/figures/FiguresScreen').then((m) => ({ default: m.FiguresScreen })));
const SyncScreen = lazy(() => import('../features/sync/SyncScreen').then((m) => ({ default: m.SyncScreen })));
const ConflictsScreen = lazy(() => import('../features/sync/ConflictsScreen').then((m) => ({ default: m.ConflictsScreen })));
const SettingsScreen = lazy(() => import('../features/settings/SettingsScreen').then((m) => ({ default: m.SettingsScreen })));

/**
 * `roles`: who sees the area in the menu (everyone when absent); `shown`: a further condition on the session (the
 * device's profile). The data layer refuses the rest regardless.
 */
export type Area = { path: string; label: string; Screen: ComponentType; roles?: readonly Role[]; shown?: (session: Session) => boolean };

const casework: readonly Role[] = ['caseworker', 'supervisor', 'manager', 'intakeOfficer', 'accounting', 'systemAdmin'];

/** The areas of the app, in menu order. */
export const areas: Area[] = [
  { path: '/', label: 'ホーム', Screen: HomeScreen },
  { path: '/cases', label: 'ケース一覧', Screen: CasesArea, roles: casework },
  { path: '/intake', label: '相談・申請', Screen: IntakeArea, roles: ['caseworker', 'supervisor', 'manager', 'intakeOfficer'] },
  { path: '/calc', label: '計算', Screen: CalcScreen, roles: casework },
  { path: '/figures', label: '統計', Screen: FiguresScreen, roles: ['manager', 'supervisor', 'systemAdmin'] },
  { path: '/linkage', label: '連携', Screen: LinkageScreen, roles: ['systemAdmin'] },
  {
    path: '/sync',
    label: '同期',
    Screen: SyncScreen,
    // The hub's import and return is the administrator's; on an enrolled device whoever works on it syncs.
    shown: (session) => (session.deviceProfile === 'hub' ? session.role === 'systemAdmin' : session.role !== 'auditor'),
  },
  { path: '/sync-conflicts', label: '同期の競合', Screen: ConflictsScreen, roles: ['supervisor'], shown: (session) => session.deviceProfile === 'hub' },
  { path: '/admin', label: '管理', Screen: AdminScreen, roles: ['systemAdmin'] },
  { path: '/audit', label: '監査', Screen: AuditScreen, roles: ['auditor'] },
  {
    path: '/privacy',
    label: '個人情報保護',
    Screen: lazy(() => import('../features/privacy/PrivacyArea').then((m) => ({ default: m.PrivacyArea }))),
    roles: ['systemAdmin', 'manager', 'auditor'],
  },
  {
    path: '/self-inspection',
    label: '自己点検',
    Screen: lazy(() => import('../features/selfInspection/SelfInspectionScreen').then((m) => ({ default: m.SelfInspectionScreen }))),
    roles: ['auditor', 'systemAdmin'],
  },
  { path: '/settings', label: '設定', Screen: SettingsScreen, roles: ['systemAdmin'] },
];
