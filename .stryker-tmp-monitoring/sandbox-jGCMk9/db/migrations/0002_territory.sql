-- UBIGEO (INEI codes are the key; RENIEC codes accepted on import) and boundaries.
CREATE TABLE departments (
  code         char(2) PRIMARY KEY,
  reniec_code  char(2) NOT NULL,
  name         text NOT NULL,
  name_key     text NOT NULL,
  capital      text,
  geom         geometry(MultiPolygon, 4326)
);
CREATE INDEX departments_geom ON departments USING gist (geom);

CREATE TABLE provinces (
  code            char(4) PRIMARY KEY,
  reniec_code     char(4),
  department_code char(2) NOT NULL REFERENCES departments(code),
  name            text NOT NULL,
  name_key        text NOT NULL
);

CREATE TABLE districts (
  code            char(6) PRIMARY KEY,
  reniec_code     char(6),
  province_code   char(4) NOT NULL REFERENCES provinces(code),
  department_code char(2) NOT NULL REFERENCES departments(code),
  name            text NOT NULL,
  name_key        text NOT NULL,
  latitude        double precision,
  longitude       double precision
);
CREATE INDEX districts_reniec ON districts (reniec_code);

GRANT SELECT ON departments, provinces, districts TO veta_app;

-- Departments cut into small pieces: point-in-department tests on a national import
-- touch a few vertices through the index instead of a whole department outline.
CREATE TABLE department_parts (
  department_code char(2) NOT NULL REFERENCES departments(code),
  geom            geometry(Polygon, 4326) NOT NULL
);
CREATE INDEX department_parts_geom ON department_parts USING gist (geom);
GRANT SELECT ON department_parts TO veta_app;
