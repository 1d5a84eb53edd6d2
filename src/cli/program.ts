import { Command, CommanderError } from 'commander';
import { CliError, ExitCode } from '../platform/exit-codes.ts';
import { registerPolicyCommands } from '../modules/monitoring/monitoring.cli.ts';
import { formalizationCommand } from '../modules/formalization/formalization.cli.ts';
import { ledgerCommand } from '../modules/traceability/traceability.cli.ts';
import { exportCommand, importCommand } from './registry.commands.ts';
import { auditCommand, demoCommand, migrateCommand, openapiCommand, serveCommand, userCommand } from './platform.commands.ts';

export function program(): Command {
  const p = new Command('veta')
    .description("Veta — the information system of Peru's artisanal and small-scale mining sector")
    .version('0.1.0')
    .showHelpAfterError()
    .exitOverride();
  for (const c of [serveCommand(), migrateCommand(), demoCommand(), importCommand(), exportCommand(), userCommand(), auditCommand(), openapiCommand(), formalizationCommand(), ledgerCommand()]) {
    p.addCommand(c);
  }
  const policy = new Command('policy').description('follow-up of national policies (CEPLAN method)');
  registerPolicyCommands(policy);
  p.addCommand(policy);
  const exit = (c: Command): void => {
    c.exitOverride();
    c.commands.forEach(exit);
  };
  exit(p);
  return p;
}

export async function run(argv: string[]): Promise<number> {
  try {
    await program().parseAsync(argv);
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

