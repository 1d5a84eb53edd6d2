/**
 * What a domain module gives the house: its HTTP routes, its CLI commands, its demo
 * step and the reference data it loads when a database opens. `src/modules/index.ts`
 * lists every module; the server, the CLI and the demo read that list and nothing else.
 * Platform code never imports a module: the entry points register the list here.
 */
// @ts-nocheck

import type { Command } from 'commander';
import type { DatasetDefinition } from './datasets.ts';
import type { Queryable } from './db.ts';
import type { RouteModule } from './http/app.ts';

/** A module's commands, loaded only when a command other than `veta serve` runs. */
export interface ModuleCli {
  /** Top-level commands (`veta territory …`, `veta survey …`). */
  commands?: () => Command[];
  /** Subcommands of `veta import` (`veta import cadastre FILE …`). */
  imports?: () => Command[];
  /** Subcommands of `veta export` (`veta export iati …`). */
  exports?: () => Command[];
}

/** One step of the demo, run inside the demo's transaction after the modules before it. */
export type DemoStep = (tx: Queryable) => Promise<unknown>;

export interface VetaModule {
  /** The folder name under src/modules/. */
  name: string;
  /**
   * Route modules, loaded lazily (a CLI command does not load the HTTP layer); every
   * route declares `config.access` (the authorization test walks them).
   */
  routes?: () => Promise<readonly RouteModule[]>;
  /** Loaded lazily: `veta serve` does not pay for the other commands. */
  cli?: () => Promise<ModuleCli>;
  /** The module's demo data, loaded lazily by `veta demo` and the first `npm start`. */
  demo?: () => Promise<DemoStep>;
  /** Reference data (idempotent) loaded every time a database is opened, after migrations. */
  reference?: () => Promise<DemoStep>;
  /** The web app's areas (chunks) that belong to this module, for the layout documentation. */
  web?: readonly string[];
  /** The module's public datasets for the open data catalog (see src/platform/datasets.ts), loaded lazily. */
  datasets?: () => Promise<readonly DatasetDefinition[]>;
}

let registered: readonly VetaModule[] = [];

/** Called once by each entry point (server, CLI, tests) with `src/modules/index.ts`'s list. */
export function registerModules(modules: readonly VetaModule[]): void {
  registered = modules;
}

export function registeredModules(): readonly VetaModule[] {
  return registered;
}
