// @ts-nocheck
import type { PageProps } from '../app/routes.ts';
import { ExpedientePage } from '../official/ExpedientePage.tsx';
import { MinerHome } from './MinerHome.tsx';

/** The miner's pages: their own files (the server shows them nothing else). */
export default function MinerArea({ page, params }: PageProps) {
  if (page === 'expediente') return <ExpedientePage key={params['id']} id={params['id'] ?? ''} />;
  return <MinerHome />;
}
