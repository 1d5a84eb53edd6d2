#!/usr/bin/env node
// @ts-nocheck
// The `veta` command. Runs the TypeScript sources through tsx's loader, so it works
// right after `npm install` with no build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
