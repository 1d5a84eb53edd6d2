-- The Spanish (es-PE) sort key every list orders text columns by, the same on PGlite and on
-- native PostgreSQL. PGlite carries ICU only as its root collation (`und-x-icu`, where Ñ is an
-- accented N) and no `es-PE`; comparing this key byte-wise (COLLATE "C") gives the Real
-- Academia Española's alphabet on both engines: case and accents folded (CÁRDENAS files with
-- CARDENAS, before CUTIPA) and Ñ its own letter between N and O ('{' follows 'Z' in ASCII).
CREATE OR REPLACE FUNCTION veta_es_key(value text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS
$$ SELECT replace(upper(translate(value, 'áéíóúüàèìòùÁÉÍÓÚÜÀÈÌÒÙñ', 'aeiouuaeiouAEIOUUAEIOUÑ')), 'Ñ', 'N{') COLLATE "C" $$;

GRANT EXECUTE ON FUNCTION veta_es_key(text) TO veta_app;

-- The public registry's default order (declarant, then id) reads this index instead of sorting the table.
CREATE INDEX IF NOT EXISTS reinfo_inscriptions_es_name ON reinfo_inscriptions ((veta_es_key(declarant_name) COLLATE "C"), id);

-- Lot codes are looked up whatever their case (`/lotes/cecomip-2505-01` opens CECOMIP-2505-01):
-- the stored code of a lot typed in another case, when exactly one lot matches it. It tells
-- only the spelling of a code the caller already knows; what the lot shows is still decided
-- by the passport's and the trace's own rules.
CREATE INDEX IF NOT EXISTS lots_upper_id ON lots (upper(id));

CREATE OR REPLACE FUNCTION veta_lot_code(code text) RETURNS text
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS
$$ SELECT coalesce((SELECT l.id FROM lots l WHERE l.id = code),
                   (SELECT min(l.id) FROM lots l WHERE upper(l.id) = upper(code) HAVING count(*) = 1)) $$;

GRANT EXECUTE ON FUNCTION veta_lot_code(text) TO veta_app;
