/** `veta audit verify [--checkpoint FILE]` and `veta audit checkpoint`. */
// @ts-nocheck

import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { cliActor, printJson, say, withDatabase } from '../cli/context.ts';
import { loadConfig } from '../config.ts';
import { withActor } from '../context.ts';
import { CliError, ExitCode } from '../exit-codes.ts';
import { verifyAudit } from './audit.ts';
import { checkAgainst, checkpointKey, readCheckpoints, writeCheckpoint, type CheckpointVerdict } from './checkpoint.ts';

const dataFolder = (): string => {
  const dir = loadConfig().dataDir;
  if (dir === 'memory') throw new CliError('checkpoints live in the data folder: set VETA_DATA_DIR to a folder', ExitCode.usage);
  return dir;
};

export function auditCommand(): Command {
  const cmd = new Command('audit').description('the audit log');
  cmd
    .command('verify')
    .description(
      'verify the hash chain (every broken link, and the entries missing before it); with --checkpoint, also that nothing up to ' +
        "each checkpoint's head was removed. Exits 1 when anything fails",
    )
    .option('--checkpoint <file>', "a checkpoint (JSON) or the data folder's audit-checkpoints.jsonl, signed by this data folder's key")
    .option('--json', 'print the result as JSON')
    .option('--as <user>', 'acting Veta user (default: the local system user)')
    .action(async (o: { json?: boolean; as?: string; checkpoint?: string }) => {
      let checkpoints: ReturnType<typeof readCheckpoints> = [];
      if (o.checkpoint) {
        try {
          checkpoints = readCheckpoints(readFileSync(o.checkpoint, 'utf8'));
        } catch (err) {
          throw new CliError(`cannot read the checkpoint ${o.checkpoint}: ${(err as Error).message}`, ExitCode.usage);
        }
      }
      const key = checkpoints.length > 0 ? checkpointKey(dataFolder()) : undefined;
      await withDatabase(async (db) => {
        const actor = await cliActor(db, o.as);
        const { chain, verdicts } = await withActor(db, actor, async (tx) => {
          const chain = await verifyAudit(tx);
          const verdicts: CheckpointVerdict[] = [];
          for (const c of checkpoints) verdicts.push(await checkAgainst(tx, c, key!));
          return { chain, verdicts };
        });
        const failed = verdicts.filter((v) => !v.ok);
        const ok = chain.ok && failed.length === 0;
        if (o.json) printJson({ ...chain, ok, ...(checkpoints.length > 0 ? { checkpoints: verdicts } : {}) });
        else {
          if (chain.ok) say(`audit chain intact: ${chain.entries} entries, head ${chain.headSeq} ${chain.head}`);
          for (const p of chain.problems ?? []) say(`audit chain BROKEN at entry ${p.seq}: ${p.reason}`);
          if (checkpoints.length > 0 && failed.length === 0)
            say(`${verdicts.length} checkpoint(s) hold (newest: entry ${Math.max(...verdicts.map((v) => v.seq))})`);
          for (const v of failed) say(`checkpoint at entry ${v.seq} FAILS: ${v.reason}`);
        }
        if (!ok) throw new CliError('', ExitCode.rejected);
      });
    });
  cmd
    .command('checkpoint')
    .description("sign the chain's head with the data folder's key, append it to audit-checkpoints.jsonl there, and print it (keep a copy elsewhere)")
    .action(async () => {
      const dir = dataFolder();
      await withDatabase(async (db) => {
        const c = await writeCheckpoint(db, dir);
        printJson(c);
        say(`checkpoint of entry ${c.seq} signed with key ${c.key.slice(0, 16)}…`);
      });
    });
  return cmd;
}
