#!/usr/bin/env node
// Writes MUTATION.md from Stryker's JSON report: the mutation score per module
// (killed + timed out over all mutants that ran or lacked coverage).
// `node scripts/mutation-report.mjs [report.json …]` merges several reports (one per
// module run); without arguments it reads reports/mutation/mutation.json. A hand-written
// "## Notes" section at the end of MUTATION.md (equivalent mutants, how the run was made)
// is kept across runs, and so are the rows (and surviving mutants) of modules that the
// given reports do not cover: a per-module run updates its own module only.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';

const inputs = process.argv.slice(2).length ? process.argv.slice(2) : ['reports/mutation/mutation.json'];
const reports = inputs.map((path) => JSON.parse(readFileSync(path, 'utf8')));
const report = { framework: reports[0]?.framework, files: Object.assign({}, ...reports.map((r) => r.files)) };
const previous = existsSync('MUTATION.md') ? readFileSync('MUTATION.md', 'utf8') : '';
const notes = previous.includes('\n## Notes') ? previous.slice(previous.indexOf('\n## Notes') + 1) : '';
const modules = new Map();
for (const [file, { mutants }] of Object.entries(report.files)) {
  const m = /src\/modules\/([^/]+)\//.exec(file)?.[1] ?? (file.includes('src/kernel/') ? 'kernel' : 'other');
  const s = modules.get(m) ?? { files: new Set(), killed: 0, timeout: 0, survived: 0, noCoverage: 0, ignored: 0, survivors: [] };
  s.files.add(file);
  for (const mu of mutants) {
    if (mu.status === 'Killed') s.killed++;
    else if (mu.status === 'Timeout') s.timeout++;
    else if (mu.status === 'Survived') s.survived++;
    else if (mu.status === 'NoCoverage') s.noCoverage++;
    else s.ignored++;
    if (mu.status === 'Survived' || mu.status === 'NoCoverage')
      s.survivors.push(`${file.replace(/^.*?src\//, 'src/')}:${mu.location.start.line} ${mu.mutatorName}`);
  }
  modules.set(m, s);
}
// The previous table rows and survivor lists, by module, for the modules not run now.
const previousRows = new Map();
const previousSurvivors = new Map();
for (const line of previous.split('\n')) {
  const m = /^\| ([\w-]+) \| \d+ \| /.exec(line);
  if (m && m[1] !== 'module') previousRows.set(m[1], line);
}
for (const section of previous.split(/\n(?=### )/).slice(1)) {
  const m = /^### ([\w-]+)\n/.exec(section);
  if (m)
    previousSurvivors.set(
      m[1],
      section
        .split(/\n(?=## )/)[0]
        .trimEnd()
        .split('\n'),
    );
}
const pct = (s) => {
  const valid = s.killed + s.timeout + s.survived + s.noCoverage;
  return valid ? (100 * (s.killed + s.timeout)) / valid : 100;
};
const rows = [...modules.entries()].sort(([a], [b]) => a.localeCompare(b));
const kept = [...previousRows.keys()].filter((m) => !modules.has(m));
const allModules = [...new Set([...modules.keys(), ...kept])].sort((a, b) => a.localeCompare(b));
const lines = [
  '# Mutation testing of the pure domain',
  '',
  `\`npm run mutation\` (Stryker ${report.framework?.version ?? ''} with its Vitest runner, \`stryker.config.mjs\`): every \`*.domain.ts\` mutated and run against the domain's own tests (\`vitest.mutation.config.ts\`). Target: ≥ 80 % per module.`,
  '',
  `Run on ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, Node ${process.version}` +
    (kept.length ? ` (${[...modules.keys()].sort().join(', ')}; ${kept.join(', ')} as last measured).` : '.'),
  '',
  '| module | files | mutants | killed | timeout | survived | no coverage | score |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...allModules.map((m) => {
    const s = modules.get(m);
    if (!s) return previousRows.get(m);
    return `| ${m} | ${s.files.size} | ${s.killed + s.timeout + s.survived + s.noCoverage} | ${s.killed} | ${s.timeout} | ${s.survived} | ${s.noCoverage} | ${pct(s).toFixed(1)} % |`;
  }),
  '',
  '## Surviving mutants (first 40 per module)',
  '',
  ...allModules.flatMap((m) => {
    const s = modules.get(m);
    if (!s) return previousSurvivors.has(m) ? [...previousSurvivors.get(m), ''] : [];
    return s.survivors.length ? [`### ${m}`, '', ...s.survivors.slice(0, 40).map((x) => `- ${x}`), ''] : [];
  }),
];
writeFileSync('MUTATION.md', `${lines.join('\n')}\n${notes ? `\n${notes.trimEnd()}\n` : ''}`);
console.log(rows.map(([m, s]) => `${m}: ${pct(s).toFixed(1)} %`).join('\n'));
