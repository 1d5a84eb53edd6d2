/** Region and year chosen in the catalog travel with the links (and the downloads). */
// @ts-nocheck

export function filterQuery(query: URLSearchParams): { region?: string; year?: string } {
  const region = query.get('region') ?? undefined;
  const year = query.get('year') ?? undefined;
  return { ...(region ? { region } : {}), ...(year ? { year } : {}) };
}
