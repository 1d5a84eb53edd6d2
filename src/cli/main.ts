import { run } from './program.ts';

// Every command ends by itself; idle handles (pools, timers) must not keep it alive.
process.exit(await run(process.argv));
