// @ts-nocheck
import { run } from './program.ts';

const code = await run(process.argv);
// Output to a pipe is written asynchronously: exit() at once would cut it (at 64 KiB).
// An empty write's callback runs once everything written before it is flushed.
await Promise.all([process.stdout, process.stderr].map((stream) => new Promise<void>((resolve) => stream.write('', () => resolve()))));
// Every command ends by itself; idle handles (pools, timers) must not keep it alive.
process.exit(code);
