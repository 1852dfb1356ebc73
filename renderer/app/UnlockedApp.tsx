import { createHashRouter, RouterProvider } from 'react-router';
import { areas, preloadHome } from './areas';
import { Layout } from './Layout';
import { RouteError } from './RouteError';

// Hash routes: the same URLs work under app://seiho/index.html and the browser host, with no server-side routing.
const router = createHashRouter([
  {
    element: <Layout />,
    errorElement: <RouteError />,
    // An area's screen also receives its sub-paths ('/cases/123'), which it routes itself with relative <Routes>.
    children: areas.map((area) => ({ path: area.path === '/' ? '/' : `${area.path}/*`, element: <area.Screen /> })),
  },
]);

export { preloadHome };

/** The app behind the lock: the router, the menu and the screens. Loaded after unlock (see App). */
export function UnlockedApp() {
  return <RouterProvider router={router} />;
}
