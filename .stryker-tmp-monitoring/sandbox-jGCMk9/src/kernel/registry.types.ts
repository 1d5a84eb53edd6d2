/**
 * Words of the registry that every module speaks: the REINFO status of an inscription
 * and the small-scale strata of Law 27651. Declared once here; zod enums, SQL row
 * types and the web app take them from this file.
 */
// @ts-nocheck


/** REINFO status of an inscription (DL 1293, DS 018-2017-EM): in force, suspended, excluded. */
export const INSCRIPTION_STATUSES = ['vigente', 'suspendido', 'excluido'] as const;
export type InscriptionStatus = (typeof INSCRIPTION_STATUSES)[number];

/** The small-scale strata of Law 27651 (art. 91 of the TUO of the General Mining Law). */
export const SMALL_SCALE_STRATA = ['PMA', 'PPM'] as const;
export type SmallScaleStratum = (typeof SMALL_SCALE_STRATA)[number];

/** A derived stratum: one of the small-scale strata, not small-scale, or not decidable from the data. */
export const STRATA = [...SMALL_SCALE_STRATA, 'NOT_SMALL_SCALE', 'UNDETERMINED'] as const;
export type Stratum = (typeof STRATA)[number];

/** Mining activity of an inscription. */
export const ACTIVITIES = ['explotacion', 'beneficio'] as const;
export type Activity = (typeof ACTIVITIES)[number];
