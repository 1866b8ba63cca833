#!/usr/bin/env bash
# Builds the Azure Functions deployment package: the self-contained linux-x64 Lucine.Functions
# process with host.json, content, the widget (its bundle, made by the build from its modules, with its
# client modules and demo pages), the dashboard, and the function.json files generated from the app's
# own endpoints (one per route, timer and static folder).
#
#   bash scripts/package.sh [ZIP]     # default: .data/lucine-functions.zip
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$(repo_root)"

package="$(realpath -m "${1:-.data/lucine-functions.zip}")"
ensure_dotnet
ensure_npm_packages
if ! command -v zip >/dev/null 2>&1; then
  echo "» installing zip"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq zip >/dev/null
fi

staging="$(mktemp -d)"
trap 'rm -rf "$staging"' EXIT
dotnet publish Lucine.Functions -c Release -r linux-x64 --self-contained --nologo -v quiet -o "$staging"
"$staging/Lucine.Functions" --function-manifests "$staging" > /dev/null
echo "» $(find "$staging" -name function.json | wc -l) functions"
mkdir -p "$(dirname "$package")"
rm -f "$package"
# zip keeps Unix modes: the host starts Lucine.Functions as the package has it, executable.
(cd "$staging" && zip -qr "$package" .)
echo "» $package ($(du -h "$package" | cut -f1))"
