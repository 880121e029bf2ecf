#!/usr/bin/env bash
# Installs what deployment-checks' tests need to validate docker-compose.yml and k8s/ offline, and nothing
# already there: docker-compose (Debian package, for `docker-compose config`), kubectl (for `kubectl kustomize`),
# and the pinned npm packages of deployment-checks/validate (schemas, TypeScript), from its lockfile.
# Idempotent: a second run changes nothing. The module's build runs it before its tests (so ./mvnw verify does).
set -euo pipefail
cd "$(dirname "$0")"

apt_packages=()
command -v docker-compose > /dev/null || apt_packages+=(docker-compose)
command -v kubectl > /dev/null || apt_packages+=(kubectl)
command -v node > /dev/null || apt_packages+=(nodejs)
command -v npm > /dev/null || apt_packages+=(npm)
if [ ${#apt_packages[@]} -gt 0 ]; then
    echo "deployment-checks/tools.sh: installing ${apt_packages[*]} (apt-get)"
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${apt_packages[@]}" > /dev/null
fi

# Reinstall only when the lockfile changed since the last install (a copy of it marks a finished install).
installed_lock=validate/node_modules/.installed-package-lock.json
if ! cmp -s validate/package-lock.json "$installed_lock" 2> /dev/null; then
    echo "deployment-checks/tools.sh: installing the validation packages (npm ci)"
    npm ci --prefix validate --no-audit --no-fund --loglevel=error > /dev/null
    cp validate/package-lock.json "$installed_lock"
fi

echo "deployment-checks/tools.sh: docker-compose $(docker-compose version --short 2>/dev/null || echo '?')," \
     "kubectl $(kubectl version --client -o json 2>/dev/null | sed -n 's/.*"gitVersion": *"\([^"]*\)".*/\1/p' | head -n 1)," \
     "node $(node --version), validation packages ready"
