/** One server for all browser tests: built web app, fresh data folder, demo loaded. */
import type { TestProject } from 'vitest/node';
import { buildWebIfStale, startServer, type RunningServer } from './server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

let server: RunningServer | undefined;

export async function setup(project: TestProject): Promise<void> {
  // E2E_BASE_URL points the tests at a server already running (its own data folder, demo loaded).
  const external = process.env['E2E_BASE_URL'];
  if (external) {
    project.provide('baseUrl', external.replace(/\/$/, ''));
    return;
  }
  buildWebIfStale();
  server = await startServer();
  project.provide('baseUrl', server.url);
}

export async function teardown(): Promise<void> {
  await server?.stop();
}
