import { Command, CommanderError } from 'commander';
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
    .showHelpAfterError()
    .exitOverride();
  p.addCommand(serveCommand());
  if (argv[2] !== 'serve') {
    const [clis, platform] = await Promise.all([
      Promise.all(MODULES.map((m): Promise<ModuleCli> => m.cli?.() ?? Promise.resolve({}))),
      import('./platform.commands.ts'),
    ]);
    const { auditCommand, demoCommand, migrateCommand, openapiCommand, userCommand } = platform;
    const imports = new Command('import').description('import lists and files (all-or-nothing per file unless --skip-invalid)');
    const exports = new Command('export').description('export data in the formats other systems read');
    for (const c of clis.flatMap((cli) => cli.imports?.() ?? [])) imports.addCommand(c);
    for (const c of clis.flatMap((cli) => cli.exports?.() ?? [])) exports.addCommand(c);
    for (const c of [migrateCommand(), demoCommand(), imports, exports, userCommand(), auditCommand(), openapiCommand()]) p.addCommand(c);
    for (const c of clis.flatMap((cli) => cli.commands?.() ?? [])) p.addCommand(c);
  }
  const exit = (c: Command): void => {
    c.exitOverride();
    c.commands.forEach(exit);
  };
  exit(p);
  return p;
}

export async function run(argv: string[]): Promise<number> {
  try {
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
      process.stderr.write(`${err.message}\n`);
      return err.kind === 'not_found' || err.kind === 'validation' ? ExitCode.usage : ExitCode.rejected;
    }
    process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
    return ExitCode.internal;
  }
}
