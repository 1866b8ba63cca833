#!/usr/bin/env bash
# Builds the Azure Functions deployment package: the self-contained linux-x64 Lucine.Functions
# process with host.json, content, the widget (its bundle, made by the build from its modules, with its
# client modules and demo pages), the dashboard, and the function.json files generated from the app's
# own endpoints (one per route, timer and static folder).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$(repo_root)"

ensure_dotnet
ensure_npm_packages
rm -rf .data/publish .data/lucine-functions.zip
dotnet publish Lucine.Functions -c Release -r linux-x64 --self-contained --nologo -v quiet -o .data/publish
.data/publish/Lucine.Functions --function-manifests .data/publish > /dev/null
echo "» $(find .data/publish -name function.json | wc -l) functions"
(cd .data/publish && zip -qr ../lucine-functions.zip .)
echo "» .data/lucine-functions.zip ($(du -h .data/lucine-functions.zip | cut -f1))"
