import type { ReactNode } from 'react';
import { common } from '../i18n/common.ts';
import { defineMessages, useLang, useT } from '../i18n/i18n.tsx';
import { Link, navigate, useLocation } from './router.tsx';
import { routeOf } from './routes.ts';
import { isOfficial, useSession } from './session.tsx';
import { DataAsOfBanner } from './data-as-of.tsx';

const own = defineMessages({ 'nav.users': 'Usuarios' }, { 'nav.users': 'Users' });

/** A page the caller may open: the server permits the operation it is built on (or, without one, the role fits). */
function useMayOpen(): (pattern: string) => boolean {
  const { me, can } = useSession();
  return (pattern) => {
    const route = routeOf(pattern);
    if (!route) return false;
    if (route.needs) return can(route.needs);
    if (route.access === 'miner') return me?.role === 'miner';
    if (route.access === 'official') return isOfficial(me);
    return route.access === 'anyone' || (!!me && me.role !== 'public');
  };
}

function NavLink({ to, children }: { to: string; children: ReactNode }) {
  const { path } = useLocation();
  const mayOpen = useMayOpen();
  if (!mayOpen(to)) return null;
  const current = to === '/' ? path === '/' : path === to || path.startsWith(`${to}/`);
  return (
    <li>
      <Link to={to} aria-current={current ? 'page' : undefined}>
        {children}
      </Link>
    </li>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const t = useT(common);
  const tn = useT(own);
  const { lang, setLang } = useLang();
  const { me, logout } = useSession();
  const loggedIn = !!me && me.role !== 'public';
  return (
    <>
      <a className="skip" href="#main">
        {t('app.skip')}
      </a>
      <header className="top">
        <div className="brand">
          <Link to="/" className="brand-name">
            Veta
          </Link>
          <span className="brand-tagline">{t('app.tagline')}</span>
        </div>
        <div className="top-tools">
          <div className="lang" role="group" aria-label={t('lang.label')}>
            {(['es', 'en'] as const).map((l) => (
              <button key={l} type="button" lang={l} aria-pressed={lang === l} onClick={() => setLang(l)}>
                {l === 'es' ? 'ES' : 'EN'}
                <span className="sr-only"> {t(l === 'es' ? 'lang.es' : 'lang.en')}</span>
              </button>
            ))}
          </div>
          {loggedIn ? (
            <div className="who">
              <span>{t('session.as', { user: me.username })}</span>
              <button
                type="button"
                onClick={() => {
                  void logout().then(() => navigate('/'));
                }}
              >
                {t('session.logout')}
              </button>
            </div>
          ) : (
            <Link className="button" to="/ingresar">
              {t('session.login')}
            </Link>
          )}
        </div>
      </header>
      <nav aria-label={t('nav.label')} className="nav">
        <ul>
          <NavLink to="/">{t('nav.dashboard')}</NavLink>
          <NavLink to="/mapa">{t('nav.map')}</NavLink>
          <NavLink to="/registro">{t('nav.registry')}</NavLink>
          <NavLink to="/lotes">{t('nav.lots')}</NavLink>
          <NavLink to="/seguimiento">{t('nav.policy')}</NavLink>
          <NavLink to="/cooperacion">{t('nav.cooperation')}</NavLink>
          <NavLink to="/datos">{t('nav.opendata')}</NavLink>
        </ul>
        {loggedIn && (
          <ul className="nav-private">
            <NavLink to="/mis-tramites">{t('nav.mine')}</NavLink>
            <NavLink to="/region">{me.role === 'regional' ? t('nav.region') : t('nav.regionNational')}</NavLink>
            <NavLink to="/buscar">{t('nav.search')}</NavLink>
            <NavLink to="/expedientes">{t('nav.expedientes')}</NavLink>
            <NavLink to="/importaciones">{t('nav.imports')}</NavLink>
            <NavLink to="/trazabilidad">{t('nav.traceability')}</NavLink>
            <NavLink to="/servicios">{t('nav.services')}</NavLink>
            <NavLink to="/encuestas">{t('nav.surveys')}</NavLink>
            <NavLink to="/usuarios">{tn('nav.users')}</NavLink>
            <NavLink to="/tokens">{t('nav.tokens')}</NavLink>
          </ul>
        )}
      </nav>
      <main id="main" tabIndex={-1}>
        <DataAsOfBanner />
        {children}
      </main>
      <footer className="foot">
        <p>
          {t('footer.data')} <a href="/api/docs">{t('footer.api')}</a>
        </p>
      </footer>
    </>
  );
}
