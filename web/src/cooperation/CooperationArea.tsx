import './cooperation.css';
import type { PageProps } from '../app/routes.ts';
import { Link, useLocation } from '../app/router.tsx';
import { useSession } from '../app/session.tsx';
import { useT } from '../i18n/i18n.tsx';
import { GapMatrixPage } from './GapMatrixPage.tsx';
import { IatiUploadPage } from './IatiUploadPage.tsx';
import { m } from './messages.ts';
import { OdaPage } from './OdaPage.tsx';
import { ProjectForm } from './ProjectForm.tsx';
import { ProjectPage } from './ProjectPage.tsx';
import { ProjectsPage } from './ProjectsPage.tsx';

function CoopNav() {
  const t = useT(m);
  const { path } = useLocation();
  const { can } = useSession();
  const links: [string, string][] = [
    ['/cooperacion', t('nav.projects')],
    ['/cooperacion/brechas', t('nav.matrix')],
    ['/cooperacion/aod', t('nav.oda')],
  ];
  if (can('POST /api/cooperation/projects')) links.push(['/cooperacion/proyectos/nuevo', t('nav.new')], ['/cooperacion/iati', t('nav.iati')]);
  return (
    <nav aria-label={t('nav.label')} className="subnav">
      <ul>
        {links.map(([to, label]) => (
          <li key={to}>
            <Link to={to} aria-current={path === to ? 'page' : undefined}>
              {label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** International cooperation (issue 16): public projects, gap matrix and ODA; the cooperation unit's form. Its own chunk. */
export default function CooperationArea({ page, params, query }: PageProps) {
  let body;
  if (page === 'matrix') body = <GapMatrixPage query={query} />;
  else if (page === 'oda') body = <OdaPage />;
  else if (page === 'project') body = <ProjectPage id={Number(params['id'])} />;
  else if (page === 'new') body = <ProjectForm />;
  else if (page === 'iati') body = <IatiUploadPage />;
  else if (page === 'edit') body = <ProjectForm id={Number(params['id'])} />;
  else body = <ProjectsPage query={query} />;
  return (
    <>
      <CoopNav />
      {body}
    </>
  );
}
