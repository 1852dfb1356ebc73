import { Link, useRouteError } from 'react-router';

/** Shown for an unknown address or a failure inside the router; always offers the way home. */
export function RouteError() {
  const error = useRouteError() as { status?: number } | undefined;
  return (
    <div role="alert" className="error-panel">
      <h2>{error?.status === 404 ? 'ページが見つかりません' : '画面を表示できませんでした'}</h2>
      <Link to="/">ホームへ戻る</Link>
    </div>
  );
}
