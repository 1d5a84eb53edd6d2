import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { errorText, langFromEnv, parseLang, setMessageLang, type MessageLang } from '../kernel/messages/index.ts';
import { DomainError } from '../platform/errors.ts';
import { CliError, ExitCode } from '../platform/exit-codes.ts';
import { registerModules, type ModuleCli } from '../platform/module.ts';
import { MODULES } from '../modules/index.ts';
import { serveCommand } from './serve.command.ts';

/**
 * The `veta` program. `veta serve` (what `npm start` runs) is built with its own
 * command only: loading every module's commands first would delay opening the
 * database by about a second.
 */
export async function program(argv: readonly string[]): Promise<Command> {
  registerModules(MODULES);
  const p = new Command('veta')
    .description("Veta — the information system of Peru's artisanal and small-scale mining sector")
    .version('0.1.0')
    .option('--lang <lang>', 'language of the messages for people: es (default) or en; LANG=en_* does the same; --json output is the same in both')
    .showHelpAfterError()
    .exitOverride();
  p.addCommand(serveCommand());
  if (argv[2] !== 'serve') {
    const needed = neededCommands(argv, readCommandManifest());
    const modules = needed.modules === 'all' ? MODULES : MODULES.filter((m) => needed.modules.includes(m.name));
    const [clis, platform] = await Promise.all([
      Promise.all(modules.map((m): Promise<ModuleCli> => m.cli?.() ?? Promise.resolve({}))),
      needed.platform ? import('./platform.commands.ts') : null,
    ]);
    const imports = new Command('import').description('import lists and files (all-or-nothing per file unless --skip-invalid)');
    const exports = new Command('export').description('export data in the formats other systems read');
    for (const c of clis.flatMap((cli) => cli.imports?.() ?? [])) imports.addCommand(c);
    for (const c of clis.flatMap((cli) => cli.exports?.() ?? [])) exports.addCommand(c);
    if (platform) {
      const { auditCommand, demoCommand, migrateCommand, openapiCommand, userCommand } = platform;
      for (const c of [migrateCommand(), demoCommand(), imports, exports, userCommand(), auditCommand(), openapiCommand()]) p.addCommand(c);
    } else for (const c of [imports, exports]) p.addCommand(c);
    for (const c of clis.flatMap((cli) => cli.commands?.() ?? [])) p.addCommand(c);
  }
  const exit = (c: Command): void => {
    c.exitOverride();
    c.commands.forEach(exit);
  };
  exit(p);
  return p;
}

/**
 * Takes `--lang <es|en>` (or `--lang=…`) out of the arguments wherever it stands, so that
 * it works before or after the command's name; without it, the environment's LANG decides
 * (Spanish unless it says English).
 */
export function takeLang(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): { argv: string[]; lang: MessageLang } {
  const rest: string[] = [];
  let asked: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      rest.push(...argv.slice(i));
      break;
    }
    if (a === '--lang' && i >= 2) asked = argv[++i];
    else if (a.startsWith('--lang=') && i >= 2) asked = a.slice('--lang='.length);
    else rest.push(a);
  }
  if (asked !== undefined) {
    const lang = parseLang(asked);
    if (!lang) throw new CliError(`--lang must be es or en (not ${asked})`, ExitCode.usage);
    return { argv: rest, lang };
  }
  return { argv: rest, lang: langFromEnv(env) };
}

/**
 * Which commands each module brings, written by the build beside the compiled CLI
 * (dist/cli/commands.json, see scripts/build.mjs). Absent when the sources run through
 * tsx: then every module's commands are loaded, as they always may be.
 */
export interface CommandManifest {
  /** The platform's own top-level commands (`migrate`, `demo`, …). */
  platform: string[];
  modules: Record<string, { commands: string[]; imports: string[]; exports: string[] }>;
}

function readCommandManifest(): CommandManifest | null {
  try {
    return JSON.parse(readFileSync(new URL('./commands.json', import.meta.url), 'utf8')) as CommandManifest;
  } catch {
    return null;
  }
}

/** The root options that take a value: the word after them is not a command. */
const VALUE_OPTIONS = new Set(['--lang']);

/**
 * The modules whose commands `veta …argv` needs, and whether it needs the platform's:
 * one module for one of its commands (and its help), none for `--version`, all of them
 * whenever the words are not known (`veta --help`, a typo, no manifest) — so that commander's own help and
 * suggestions see every command.
 */
export function neededCommands(argv: readonly string[], manifest: CommandManifest | null): { modules: readonly string[] | 'all'; platform: boolean } {
  const all = { modules: 'all', platform: true } as const;
  if (!manifest) return all;
  const words: string[] = [];
  for (let i = 2; i < argv.length && words.length < 2; i++) {
    const a = argv[i]!;
    if (a === '--') break;
    if (words.length === 0 && (a === '-V' || a === '--version')) return { modules: [], platform: false };
    if ((a === '-h' || a === '--help') && words.length === 0) return all;
    if (VALUE_OPTIONS.has(a)) i++;
    else if (!a.startsWith('-')) words.push(a);
  }
  const [command, sub] = words;
  if (command === undefined) return all;
  const owner = (pick: (m: CommandManifest['modules'][string]) => string[], name: string | undefined): readonly string[] | 'all' => {
    const found = Object.entries(manifest.modules).find(([, m]) => name !== undefined && pick(m).includes(name));
    return found ? [found[0]] : 'all';
  };
  if (command === 'import' || command === 'export') {
    const modules = owner((m) => (command === 'import' ? m.imports : m.exports), sub);
    return modules === 'all' ? all : { modules, platform: false };
  }
  if (manifest.platform.includes(command)) return { modules: [], platform: true };
  const modules = owner((m) => m.commands, command);
  return modules === 'all' ? all : { modules, platform: false };
}

/**
 * Whether `veta …argv` will likely open the embedded database: a command other than help,
 * `--version` or `openapi`, with no DATABASE_URL. Then PGlite's WebAssembly is read and
 * compiled while the command's modules load (a wrong guess costs only that work).
 */
export function opensPglite(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): boolean {
  const command = argv[2];
  // serve opens it in a worker thread, which reads the files itself
  if (env['DATABASE_URL'] || command === undefined || command.startsWith('-') || ['help', 'openapi', 'serve'].includes(command)) return false;
  return !argv.includes('--help') && !argv.includes('-h');
}

export async function run(rawArgv: string[]): Promise<number> {
  try {
    const { argv, lang } = takeLang(rawArgv, process.env);
    if (opensPglite(argv, process.env))
      import('../platform/db/pglite-files.ts').then(
        (files) => files.prefetchPglite(),
        () => undefined,
      );
    setMessageLang(lang);
    await (await program(argv)).parseAsync(argv);
    return ExitCode.ok;
  } catch (err) {
    if (err instanceof CliError) {
      if (err.message) process.stderr.write(`${err.message}\n`);
      return err.exitCode;
    }
    if (err instanceof CommanderError) {
      return err.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    }
    if (err instanceof DomainError) {
      // a service refused: what was asked does not exist or is malformed (usage), or the
      // records refuse it (rejected); nothing was written either way
      process.stderr.write(`${errorText(err)}\n`);
      return err.kind === 'not_found' || err.kind === 'validation' ? ExitCode.usage : ExitCode.rejected;
    }
    process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
    return ExitCode.internal;
  }
}
