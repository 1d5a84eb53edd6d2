/**
 * The one zod schema of a calendar date: every route, query string and file column
 * that takes a date uses it, so `2025-13-45` is refused the same way everywhere.
 */
// @ts-nocheck

import { z } from 'zod';
import { isIsoDate } from './peru-date.ts';

export const DATE_MESSAGE = 'must be a calendar date YYYY-MM-DD';

/** `YYYY-MM-DD`, a real Gregorian date (OpenAPI: format date) from 1900 on. */
export const isoDateSchema = z.iso.date({ error: DATE_MESSAGE, abort: true }).refine(isIsoDate, { error: DATE_MESSAGE });
