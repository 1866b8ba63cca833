#!/usr/bin/env bash
# Builds the Azure Functions deployment package: the self-contained linux-x64 Lucine.Functions
# process with host.json, the function.json folders, content, the widget (its bundle, made by the
# build from its modules, with its client modules and demo pages) and the dashboard.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$(repo_root)"

ensure_dotnet
ensure_npm_packages
rm -rf .data/publish .data/lucine-functions.zip
dotnet publish Lucine.Functions -c Release -r linux-x64 --self-contained --nologo -v quiet -o .data/publish
(cd .data/publish && zip -qr ../lucine-functions.zip .)
echo "» .data/lucine-functions.zip ($(du -h .data/lucine-functions.zip | cut -f1))"
