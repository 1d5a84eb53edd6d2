import { Command, CommanderError } from 'commander';
import { CliError, ExitCode } from '../platform/exit-codes.ts';
import { serveCommand } from './serve.command.ts';

/**
 * The `veta` program. `veta serve` (what `npm start` runs) is built with its own
 * command only: loading every module's commands first would delay opening the
 * database by about a second.
 */
export async function program(argv: readonly string[]): Promise<Command> {
  const p = new Command('veta')
    .description("Veta — the information system of Peru's artisanal and small-scale mining sector")
    .version('0.1.0')
    .showHelpAfterError()
    .exitOverride();
  p.addCommand(serveCommand());
  if (argv[2] !== 'serve') {
    const [{ registerPolicyCommands }, { formalizationCommand }, { ledgerCommand }, { exportCommand, importCommand }, platform] = await Promise.all([
      import('../modules/monitoring/monitoring.cli.ts'),
      import('../modules/formalization/formalization.cli.ts'),
      import('../modules/traceability/traceability.cli.ts'),
      import('./registry.commands.ts'),
      import('./platform.commands.ts'),
    ]);
    const { auditCommand, demoCommand, migrateCommand, openapiCommand, userCommand } = platform;
    for (const c of [migrateCommand(), demoCommand(), importCommand(), exportCommand(), userCommand(), auditCommand(), openapiCommand(), formalizationCommand(), ledgerCommand()]) {
      p.addCommand(c);
    }
    const policy = new Command('policy').description('follow-up of national policies (CEPLAN method)');
    registerPolicyCommands(policy);
    p.addCommand(policy);
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
    process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
    return 70;
  }
}

