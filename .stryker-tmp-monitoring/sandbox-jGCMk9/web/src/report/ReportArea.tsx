// @ts-nocheck
import type { PageProps } from '../app/routes.ts';
import { PolicyReport } from './PolicyReport.tsx';

/** The policy follow-up report (public data; its own chunk). */
export default function ReportArea({ query }: PageProps) {
  return <PolicyReport query={query} />;
}
