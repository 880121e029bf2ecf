#!/usr/bin/env bash
# Runs once, when the PostgreSQL volume is first initialised: one database and one owning user per service, each
# user with its own password from the environment (compose passes them from .env, which ./orderflow env makes),
# and no user may connect to another's database. Kubernetes gets operator-generated credentials instead (k8s/).
set -euo pipefail
for db in orders inventory payments notifications auth console; do
    password_variable="${db^^}_DB_PASSWORD"
    password="${!password_variable:?${password_variable} is not set: run ./orderflow env, then docker compose up}"
    psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres -v password="$password" <<SQL
CREATE ROLE ${db} LOGIN PASSWORD :'password';
CREATE DATABASE ${db} OWNER ${db};
REVOKE ALL ON DATABASE ${db} FROM PUBLIC;
SQL
done
