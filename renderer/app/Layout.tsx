import { Suspense } from 'react';
import { NavLink, Outlet } from 'react-router';
import { roleLabels } from '../../shared/auth/roles';
import { useSessionControls, useUnlocked } from '../session/SessionProvider';
import { ErrorBoundary } from './ErrorBoundary';
import { areas } from './areas';
import { SyncStatusLine } from '../features/sync/SyncStatusLine';

export function Layout() {
  const { user, session, officeName } = useUnlocked();
  const { lock } = useSessionControls();
  return (
    <div className="shell">
      <a className="skip-link" href="#main-content">
        本文へ移動
      </a>
      <header className="shell-header">
        <h1 className="brand">生活保護ケースデスク</h1>
        <p className="who" role="note" aria-label="ログイン中の職員">
          {officeName}　{user.displayName}（{roleLabels[session.role]}）
        </p>
        <SyncStatusLine />
        <button type="button" className="lock-button" onClick={() => void lock()}>
          ロック
        </button>
      </header>
      <nav className="shell-nav" aria-label="メインメニュー">
        <ul>
          {areas
            .filter((area) => (!area.roles || area.roles.includes(session.role)) && (!area.shown || area.shown(session)))
            .map((area) => (
              <li key={area.path}>
                <NavLink to={area.path} end={area.path === '/'}>
                  {area.label}
                </NavLink>
              </li>
            ))}
        </ul>
      </nav>
      <main id="main-content" className="shell-main" tabIndex={-1}>
        {/* A screen that fails (or whose chunk fails to load) is replaced by a message; the menu stays usable. */}
        <ErrorBoundary>
          <Suspense fallback={<p role="status">読み込んでいます…</p>}>
            <Outlet />
          </Suspense>
        </ErrorBoundary>
      </main>
    </div>
  );
}
