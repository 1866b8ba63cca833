# Shared by the start and test commands. Sourced, not run.

repo_root() { cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd; }

# npm packages (Azurite, the SignalR browser client) from package-lock.json, installed when missing or out of date.
ensure_npm_packages() {
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "» installing npm packages (npm ci)"
    npm ci --no-audit --no-fund --loglevel=error
  fi
}

# The dotnet SDK is part of this kind of machine; say so clearly if it is not there.
ensure_dotnet() {
  command -v dotnet >/dev/null 2>&1 || { echo "dotnet (the .NET 10 SDK) is required and was not found on PATH." >&2; exit 1; }
}

# Runs a command as root: directly when we are root, through sudo otherwise.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}
