import { lazy, type ComponentType } from 'react';
import type { Role } from '../../shared/auth/roles';

// Every screen is its own chunk, loaded when first shown: the lock screen paints without the features, and the
// features (with the data layer behind them) load after unlock.
const AdminScreen = lazy(() => import('../features/admin/AdminScreen').then((m) => ({ default: m.AdminScreen })));
const AuditScreen = lazy(() => import('../features/audit/AuditScreen').then((m) => ({ default: m.AuditScreen })));
const CasesArea = lazy(() => import('../features/cases/CasesArea').then((m) => ({ default: m.CasesArea })));
const CalcScreen = lazy(() => import('../features/calc/CalcScreen').then((m) => ({ default: m.CalcScreen })));
const AreaPlaceholder = lazy(() => import('../features/home/AreaPlaceholder').then((m) => ({ default: m.AreaPlaceholder })));
const loadHome = () => import('../features/home/HomeScreen');
const HomeScreen = lazy(() => loadHome().then((m) => ({ default: m.HomeScreen })));
/** The first screen after unlock, loaded ahead while the lock screen waits. */
export const preloadHome = () => void loadHome().catch(() => {});
const IntakeArea = lazy(() => import('../features/intake/IntakeArea').then((m) => ({ default: m.IntakeArea })));
const LinkageScreen = lazy(() => import('../features/linkage/LinkageScreen').then((m) => ({ default: m.LinkageScreen })));
const FiguresScreen = lazy(() => import('../features/figures/FiguresScreen').then((m) => ({ default: m.FiguresScreen })));
const SettingsScreen = lazy(() => import('../features/settings/SettingsScreen').then((m) => ({ default: m.SettingsScreen })));

/** `roles`: who sees the area in the menu (everyone when absent). The data layer refuses the rest regardless. */
export type Area = { path: string; label: string; Screen: ComponentType; roles?: readonly Role[] };

const casework: readonly Role[] = ['caseworker', 'supervisor', 'manager', 'intakeOfficer', 'accounting', 'systemAdmin'];

const planned = (label: string, purpose: string): ComponentType =>
  // biome-ignore lint/correctness/noComponentHookFactories: made once per area at module load, never during a render
  function Planned() {
    return <AreaPlaceholder title={label} purpose={purpose} />;
  };

/** The areas of the app, in menu order. Each later feature replaces its placeholder with its screens. */
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
    roles: ['systemAdmin'],
    Screen: planned('同期', '訪問用端末とハブ端末の間で同期バンドルを交換し、隔離されたデータを確認します。'),
  },
  { path: '/admin', label: '管理', Screen: AdminScreen, roles: ['systemAdmin'] },
  { path: '/audit', label: '監査', Screen: AuditScreen, roles: ['auditor'] },
  { path: '/settings', label: '設定', Screen: SettingsScreen, roles: ['systemAdmin'] },
];
