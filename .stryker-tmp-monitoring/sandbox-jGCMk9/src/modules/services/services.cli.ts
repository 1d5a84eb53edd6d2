/**
 * `veta import trainings FILE [--skip-invalid] [--as USER] [--json]`: the shared
 * pipeline's command for the trainings declaration (exit 0 done, 1 rejected with
 * FILE.errors.csv, 2 usage, 3 rows skipped with FILE.rejected.csv).
 */
// @ts-nocheck

import type { Command } from 'commander';
import { importCommand } from '../../platform/imports/index.ts';
import { trainingsImport } from './trainings.import.ts';

export const trainingsImportCommand = (): Command => importCommand(trainingsImport);
