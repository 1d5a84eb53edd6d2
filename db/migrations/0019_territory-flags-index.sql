-- Spatial index of the mining fronts (the situation analysis, the overlaps with areas
-- and the front's department all join on it), and the look-ups the traceability flags
-- read across regions: one truth per role, whatever region the caller may see.
CREATE INDEX IF NOT EXISTS reinfo_inscriptions_front ON reinfo_inscriptions USING gist (front);

-- The protected, buffer, exclusion and indigenous-reserve areas each producer's front on
-- each of the given rights lies in (PROTECTED_AREA_ORIGIN). No personal data beyond the
-- RUCs asked about.
CREATE FUNCTION veta_front_areas(codes text[])
RETURNS TABLE (actor text, site text, kind text, name text, category text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT DISTINCT i.ruc::text, r.code, a.kind, a.name, a.category
  FROM (SELECT DISTINCT unnest(codes) AS k) k
  JOIN mining_rights r ON r.code = k.k
  JOIN reinfo_inscriptions i ON i.mining_right_id = r.id AND i.front IS NOT NULL
  JOIN territory_areas a ON ST_Intersects(a.geom, i.front)
  ORDER BY 2, 1, 4
$$;

-- The years in which each of the given organizations recorded processing with mercury
-- (an amalgamating technology, or mercury used): ECOLOGICAL_CLAIM_WITH_MERCURY.
CREATE FUNCTION veta_mercury_years(rucs text[])
RETURNS TABLE (ruc text, year integer)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT m.ruc::text, m.year::integer
  FROM (SELECT DISTINCT unnest(rucs) AS k) k
  JOIN mercury_use m ON m.ruc = k.k::char(11)
  WHERE m.mercury_used_kg > 0 OR m.technology IN ('whole_ore_amalgamation', 'concentrate_amalgamation', 'amalgamation_with_retort')
  ORDER BY 1, 2
$$;

REVOKE ALL ON FUNCTION veta_front_areas(text[]), veta_mercury_years(text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION veta_front_areas(text[]), veta_mercury_years(text[]) TO veta_app;
