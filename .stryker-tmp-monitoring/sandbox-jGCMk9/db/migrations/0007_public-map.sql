-- Public map layers: where mining happens, without who (no person, no RUC, no holder).
-- Owned by the migration user, so they read across regions like public_inscriptions.
CREATE VIEW public_fronts AS
SELECT i.id, i.status, i.activity, i.department_code::text AS department_code, i.front
FROM reinfo_inscriptions i
WHERE i.front IS NOT NULL;

CREATE VIEW public_rights AS
SELECT r.code, r.name, r.hectares::float8 AS hectares, r.department_code::text AS department_code, r.verification, r.geom
FROM mining_rights r
WHERE r.geom IS NOT NULL;

GRANT SELECT ON public_fronts, public_rights TO veta_app;
