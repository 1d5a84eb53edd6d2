/**
 * The one zod schema of a calendar date: every route, query string and file column
 * that takes a date uses it, so `2025-13-45` is refused the same way everywhere.
 */
import { z } from 'zod';
import { isIsoDate } from './peru-date.ts';

export const DATE_MESSAGE = 'must be a calendar date YYYY-MM-DD';

export const isoDateSchema = z.string().refine(isIsoDate, { error: DATE_MESSAGE });
