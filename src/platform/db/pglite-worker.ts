// The worker thread of db/pglite-thread.ts: opens PGlite in this thread and answers the
// opening thread's requests. Each request is served as it arrives (not one after another):
// a transaction's statements must reach PGlite while a statement outside it waits for it.
import { parentPort, workerData } from 'node:worker_threads';
import { openPglite, type Database, type Listener, type Queryable } from '../db.ts';
import { errorData, type Reply, type Request, type WorkerData } from './pglite-thread.ts';

const port = parentPort!;
const data = workerData as WorkerData;
const send = (reply: Reply): void => port.postMessage(reply);

class Rollback extends Error {}

let db: Database;
try {
  db = await openPglite(data.dataDir, data.loadDataDir ? new Blob([data.loadDataDir]) : undefined);
} catch (err) {
  send({ kind: 'open-failed', error: errorData(err) });
  port.close();
  process.exit(0);
}

interface OpenTransaction {
  tx: Queryable;
  end: (commit: boolean) => void;
  ended: Promise<void>;
}
const transactions = new Map<number, OpenTransaction>();
const listeners = new Map<number, Listener>();

function target(tx: number | undefined): Queryable {
  if (tx === undefined) return db;
  const open = transactions.get(tx);
  if (!open) throw new Error(`transaction ${tx} is not open`);
  return open.tx;
}

async function answer(request: Request & { id: number }): Promise<unknown> {
  switch (request.op) {
    case 'query':
      return (await target(request.tx).query(request.sql, request.params)).rows;
    case 'exec':
      await target(request.tx).exec(request.sql);
      return null;
    case 'copy':
      return target(request.tx).copyFrom!(request.sql, request.data);
    case 'begin':
      return new Promise<null>((started, failed) => {
        let end!: (commit: boolean) => void;
        const decided = new Promise<boolean>((r) => (end = r));
        const open: { tx?: Queryable; end: (commit: boolean) => void; ended?: Promise<void> } = { end };
        open.ended = db
          .transaction(async (tx) => {
            open.tx = tx;
            transactions.set(request.tx, open as OpenTransaction);
            started(null);
            if (!(await decided)) throw new Rollback();
          })
          .catch((err: unknown) => {
            if (!(err instanceof Rollback)) throw err;
          })
          .finally(() => transactions.delete(request.tx));
        // a failure before the transaction started (BEGIN refused) answers `begin`
        open.ended.catch((err: unknown) => failed(err));
      });
    case 'end': {
      const open = transactions.get(request.tx);
      if (!open) throw new Error(`transaction ${request.tx} is not open`);
      open.end(request.commit);
      await open.ended;
      return null;
    }
    case 'listen': {
      const listener = db.listen(request.channel, {
        onNotify: (payload) => send({ kind: 'notify', listener: request.listener, payload }),
        onReset: () => send({ kind: 'live', listener: request.listener }),
      });
      listeners.set(request.listener, listener);
      return null;
    }
    case 'unlisten':
      await listeners.get(request.listener)?.close();
      listeners.delete(request.listener);
      return null;
    case 'dump': {
      const blob = await db.dumpDataDir!();
      return blob.arrayBuffer();
    }
    case 'close':
      await db.close();
      return null;
  }
}

port.on('message', (request: Request & { id: number }) => {
  answer(request).then(
    (value) => port.postMessage({ kind: 'answer', id: request.id, value } satisfies Reply, value instanceof ArrayBuffer ? [value] : []),
    (err: unknown) => send({ kind: 'failed', id: request.id, error: errorData(err) }),
  );
});
send({ kind: 'opened' });
