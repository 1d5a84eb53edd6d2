-- Two roles for the new modules: field survey teams (`surveyor`, scoped to a region like
-- a regional official) and the cooperation unit and agencies' focal points (`cooperation`).
ALTER TABLE users DROP CONSTRAINT users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check
  CHECK (role IN ('miner', 'regional', 'national', 'auditor', 'admin', 'surveyor', 'cooperation'));
ALTER TABLE users ADD CONSTRAINT users_surveyor_region CHECK (role <> 'surveyor' OR region_code IS NOT NULL);
