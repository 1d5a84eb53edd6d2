import { lazy, Suspense, useEffect, useRef, type ComponentType, type LazyExoticComponent } from 'react';
import { common } from '../i18n/common.ts';
import { useT } from '../i18n/i18n.tsx';
import { LoginNeeded, Loading } from '../ui/states.tsx';
import { Layout } from './Layout.tsx';
import { matchPath, useLocation } from './router.tsx';
import { ROUTES, type Area, type PageProps, type RouteDef } from './routes.ts';
import { isOfficial, useSession } from './session.tsx';

// One chunk per area: a visitor of the public pages never downloads the officials' code.
const AREAS: Record<Area, LazyExoticComponent<ComponentType<PageProps>>> = {
  public: lazy(() => import('../public/PublicArea.tsx')),
  map: lazy(() => import('../map/MapArea.tsx')),
  official: lazy(() => import('../official/OfficialArea.tsx')),
  miner: lazy(() => import('../miner/MinerArea.tsx')),
  report: lazy(() => import('../report/ReportArea.tsx')),
  surveys: lazy(() => import('../surveys/SurveysArea.tsx')),
  cooperation: lazy(() => import('../cooperation/CooperationArea.tsx')),
  opendata: lazy(() => import('../opendata/OpendataArea.tsx')),
  admin: lazy(() => import('../admin/AdminArea.tsx')),
  services: lazy(() => import('../services/ServicesArea.tsx')),
};

function resolve(path: string): { route: RouteDef; params: Record<string, string> } | null {
  for (const route of ROUTES) {
    const params = matchPath(route.pattern, path);
    if (params) return { route, params };
  }
  return null;
}

export function App() {
  const t = useT(common);
  const { me, operations, can } = useSession();
  const { path, query, href } = useLocation();
  const first = useRef(true);

  // After a navigation, move focus and scroll to the new content (keyboard and screen readers).
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    window.scrollTo(0, 0);
    document.getElementById('main')?.focus({ preventScroll: true });
  }, [path]);

  const found = resolve(path);
  let body;
  if (!found) body = <p className="state">{t('state.pageNotFound')}</p>;
  else if (found.route.access !== 'anyone' && me === undefined) body = <Loading />;
  else if (found.route.access !== 'anyone' && (!me || me.role === 'public')) body = <LoginNeeded next={href} />;
  else if (found.route.needs && operations === undefined) body = <Loading />;
  else if (
    (found.route.access === 'official' && !isOfficial(me)) ||
    (found.route.access === 'miner' && me?.role !== 'miner') ||
    (found.route.needs !== undefined && !can(found.route.needs))
  )
    body = (
      <p className="state" role="alert">
        {t('state.forbidden')}
      </p>
    );
  else {
    const area = me?.role === 'miner' && found.route.minerArea ? found.route.minerArea : found.route.area;
    const AreaPage = AREAS[area];
    body = (
      <Suspense fallback={<Loading />}>
        <AreaPage page={found.route.page} params={found.params} query={query} />
      </Suspense>
    );
  }
  return <Layout>{body}</Layout>;
}
