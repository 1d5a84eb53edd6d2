// @ts-nocheck
import { Command } from 'commander';
import { loadConfig } from '../platform/config.ts';

// Kept apart from the other commands: `veta serve` loads this module alone, so the
// database starts opening before the rest of the CLI would have been parsed.
export function serveCommand(): Command {
  return new Command('serve')
    .description('run the API and web app (loads the demo data into an empty database)')
    .option('--port <port>', 'port (default: $PORT or 3000)')
    .option('--no-demo', 'do not load demo data into an empty database')
    .action(async (o: { port?: string; demo: boolean }) => {
      const config = loadConfig();
      const { serve } = await import('./serve.ts');
      await serve({ ...config, port: o.port ? Number(o.port) : config.port }, { demo: o.demo });
    });
}
