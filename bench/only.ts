/** `npm run bench -- --only <sections>`: which sections, and how they are put into BENCHMARKS.md. */

export const SECTIONS = ['reinfo', 'api', 'rights', 'formalization', 'pglite', 'ledger', 'start', 'web', 'territory', 'opendata'] as const;
export type Section = (typeof SECTIONS)[number];

/** The sections `--only a,b` (or `--only=a,b`) names; every section without it. */
export function parseOnly(argv: readonly string[]): Section[] | null {
  const at = argv.findIndex((a) => a === '--only' || a.startsWith('--only='));
  if (at < 0) return null;
  const value = argv[at]!.startsWith('--only=') ? argv[at]!.slice('--only='.length) : argv[at + 1];
  const names = (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = names.filter((n) => !(SECTIONS as readonly string[]).includes(n));
  if (names.length === 0 || unknown.length)
    throw new Error(`--only takes a comma-separated list of: ${SECTIONS.join(', ')}${unknown.length ? ` (not ${unknown.join(', ')})` : ''}`);
  return SECTIONS.filter((s) => names.includes(s));
}

/**
 * BENCHMARKS.md with `sections` (each starting with its `## ` heading) put in place of the
 * sections of the same heading (new ones before "Reading the figures"), and `note` added
 * to the header's list.
 */
export function splice(md: string, sections: readonly string[], note: string): string {
  const parts = md.split(/^(?=## )/m);
  // a section's text may hold several `## ` sections (the ledger's native and PGlite tables): each replaces its own
  for (const s of sections.flatMap((t) => t.split(/^(?=## )/m).filter((x) => x.startsWith('## ')))) {
    const heading = s.split('\n', 1)[0]!;
    const at = parts.findIndex((p) => p.split('\n', 1)[0] === heading);
    const text = s.replace(/\n*$/, '\n\n');
    if (at >= 0) parts[at] = text;
    else {
      // the targets' summary opens the page; other new sections go before "Reading the figures"
      const reading = parts.findIndex((p) => p.startsWith('## Reading the figures'));
      parts.splice(heading.startsWith('## Targets') ? 1 : reading >= 0 ? reading : parts.length, 0, text);
    }
  }
  const header = parts[0]!.replace(/\n*$/, '');
  parts[0] = `${header}\n${note}\n\n`;
  return parts.join('');
}
