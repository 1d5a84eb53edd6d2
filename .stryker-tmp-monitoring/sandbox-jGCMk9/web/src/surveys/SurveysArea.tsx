// @ts-nocheck
import { useEffect } from 'react';
import type { PageProps } from '../app/routes.ts';
import { useSession } from '../app/session.tsx';
import { useT } from '../i18n/i18n.tsx';
import { common } from '../i18n/common.ts';
import { FillPage } from './FillPage.tsx';
import { FormsPage } from './FormsPage.tsx';
import { ResultsPage } from './ResultsPage.tsx';
import { syncWhenOnline } from './store.ts';
import './surveys.css';

const CAPTURE = ['surveyor', 'regional', 'national', 'admin', 'auditor'];

/** Field surveys: the forms on the device, filling one offline, and the results (officials). */
export default function SurveysArea({ page, params, query }: PageProps) {
  const { me } = useSession();
  const tc = useT(common);
  useEffect(() => syncWhenOnline(), []);
  if (!me || !CAPTURE.includes(me.role))
    return (
      <p className="state" role="alert">
        {tc('state.forbidden')}
      </p>
    );
  const formId = params['formId'] ?? '';
  if (page === 'fill') return <FillPage formId={formId} recordId={query.get('id')} />;
  if (page === 'results') return <ResultsPage formId={formId} query={query} />;
  return <FormsPage />;
}
