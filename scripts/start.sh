#!/usr/bin/env bash
# Starts Lucine locally: Azurite (Table Storage and Blob Storage for the attachments, data in .data/azurite)
# and Lucine.Functions on
# http://127.0.0.1:7071 (dashboard: /dashboard/, widget demo: /widget/demo.html).
# Ctrl-C stops them all; nothing is left running.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$(repo_root)"

ensure_dotnet
ensure_npm_packages

AZURITE_PORT=10002
AZURITE_BLOB_PORT=10000
for port in $AZURITE_PORT $AZURITE_BLOB_PORT; do
  if (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null; then
    echo "Port $port is taken (another Azurite?). Stop it first: Lucine starts its own." >&2
    exit 1
  fi
done

mkdir -p .data/azurite
azurite_pid=""
azurite_blob_pid=""
app_pid=""
stop() {
  trap - EXIT INT TERM
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null || true
  [ -n "$azurite_pid" ] && kill "$azurite_pid" 2>/dev/null && wait "$azurite_pid" 2>/dev/null || true
  [ -n "$azurite_blob_pid" ] && kill "$azurite_blob_pid" 2>/dev/null && wait "$azurite_blob_pid" 2>/dev/null || true
  echo "» stopped"
}
trap stop EXIT INT TERM

echo "» starting Azurite on 127.0.0.1:$AZURITE_PORT"
node node_modules/azurite/dist/src/table/main.js \
  --tableHost 127.0.0.1 --tablePort $AZURITE_PORT --location .data/azurite \
  --silent --disableTelemetry --skipApiVersionCheck --loose > .data/azurite.log 2>&1 &
azurite_pid=$!
for _ in $(seq 1 100); do
  grep -q "successfully started" .data/azurite.log 2>/dev/null && break
  kill -0 "$azurite_pid" 2>/dev/null || { cat .data/azurite.log >&2; exit 1; }
  sleep 0.1
done
grep -q "successfully started" .data/azurite.log || { echo "Azurite did not start:" >&2; cat .data/azurite.log >&2; exit 1; }

echo "» starting Azurite's blob service (attachments) on 127.0.0.1:$AZURITE_BLOB_PORT"
node node_modules/azurite/dist/src/blob/main.js \
  --blobHost 127.0.0.1 --blobPort $AZURITE_BLOB_PORT --location .data/azurite \
  --silent --disableTelemetry --skipApiVersionCheck --loose > .data/azurite-blob.log 2>&1 &
azurite_blob_pid=$!
for _ in $(seq 1 100); do
  grep -q "successfully listens" .data/azurite-blob.log 2>/dev/null && break
  kill -0 "$azurite_blob_pid" 2>/dev/null || { cat .data/azurite-blob.log >&2; exit 1; }
  sleep 0.1
done
grep -q "successfully listens" .data/azurite-blob.log || { echo "Azurite's blob service did not start:" >&2; cat .data/azurite-blob.log >&2; exit 1; }

# A local admin with a password generated on the first start and kept beside the local data (never a
# default password): the account is created once, so the same password must be given every time.
if [ ! -s .data/dev-admin-password ]; then
  (umask 077 && head -c 18 /dev/urandom | base64 | tr -d '/+=' > .data/dev-admin-password)
fi

echo "» building and starting Lucine.Functions"
dotnet build Lucine.Functions --nologo -v quiet -c Debug
echo "» Lucine on http://127.0.0.1:7071 — dashboard: http://127.0.0.1:7071/dashboard/  widget demo: http://127.0.0.1:7071/widget/demo.html  (Ctrl-C stops)"
echo "» dashboard login: admin / $(cat .data/dev-admin-password)   (stored in .data/dev-admin-password)"
ASPNETCORE_ENVIRONMENT=Development \
  Operators__Bootstrap__Username=admin \
  Operators__Bootstrap__DisplayName="Admin (local)" \
  Operators__Bootstrap__Password="$(cat .data/dev-admin-password)" \
  dotnet Lucine.Functions/bin/Debug/net10.0/Lucine.Functions.dll &
app_pid=$!
wait "$app_pid"
