#!/usr/bin/env bash
# Runs once, when the PostgreSQL volume is first initialised: one database and one owning user per service.
# LOCAL DEMO ONLY: each password equals the user name (as in the embedded default). Never use these elsewhere;
# Kubernetes gets operator-generated credentials instead (see k8s/).
set -euo pipefail
for db in orders inventory payments notifications; do
    psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres <<SQL
CREATE ROLE ${db} LOGIN PASSWORD '${db}';
CREATE DATABASE ${db} OWNER ${db};
REVOKE ALL ON DATABASE ${db} FROM PUBLIC;
SQL
done
