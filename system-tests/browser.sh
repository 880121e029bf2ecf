#!/usr/bin/env bash
# Installs the browser the console's page test drives, and nothing already there: Debian's chromium and its
# chromedriver (one version, from one package source). Idempotent; the module's build runs it before its tests
# (so ./mvnw verify does), as deployment-checks/tools.sh installs its validators. No browser is ever downloaded
# at run time: Selenium is pointed at these two files.
set -euo pipefail

packages=()
command -v chromium > /dev/null || packages+=(chromium)
command -v chromedriver > /dev/null || packages+=(chromium-driver)
if [ ${#packages[@]} -gt 0 ]; then
    echo "system-tests/browser.sh: installing ${packages[*]} (apt-get)"
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${packages[@]}" > /dev/null
fi
echo "system-tests/browser.sh: $(chromium --version 2>/dev/null || echo 'chromium ?'), $(chromedriver --version 2>/dev/null | cut -d' ' -f1-2)"
