#!/usr/bin/env bash
# Runs every test: domain, integration (a real Azurite and a real Kestrel, started and stopped by
# the tests themselves) and browser tests (Debian's Chromium, installed here when missing).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$(repo_root)"

ensure_dotnet
ensure_npm_packages

if [ ! -x /usr/bin/chromium ]; then
  echo "» installing Debian's chromium for the browser tests"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

# The front-ends are JavaScript with JSDoc types: checked here, since no build step would notice a mistake.
echo "» type-checking the widget and the dashboard (tsc --checkJs)"
node node_modules/typescript/bin/tsc -p widget/tsconfig.json
node node_modules/typescript/bin/tsc -p dashboard/tsconfig.json

dotnet test Lucine.sln -c Release --nologo --logger "console;verbosity=detailed" "$@"
