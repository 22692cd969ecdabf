#!/usr/bin/env bash
# Records the current public API of the shipped packages in their PublicAPI.Unshipped.txt, after an intended change
# (README, "API review"). Review the diff of the PublicAPI files before committing it.
#   scripts/update-public-api.sh                         every shipped project
#   scripts/update-public-api.sh src/TryVox.Client       only these
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 KIOTA_OFFLINE_ENABLED=true

projects=("$@")
[ ${#projects[@]} -gt 0 ] || projects=(src/TryVox.Client src/TryVox.Client.DependencyInjection src/TryVox.Client.Redis src/TryVox.Client.Testing src/TryVox.Cli)

for project in "${projects[@]}"; do
  unshipped="$project/PublicAPI.Unshipped.txt"
  [ -f "$unshipped" ] || { echo "error: $unshipped not found: is $project a shipped project?" >&2; exit 2; }
  echo "== $project"
  # Start over from what is not an addition (the header, *REMOVED* lines for shipped API), so entries for API that
  # is gone disappear too; the analyzer's own fix then writes every public symbol not in PublicAPI.Shipped.txt.
  grep -E '^(#|\*REMOVED\*)' "$unshipped" > "$unshipped.tmp" || true
  mv "$unshipped.tmp" "$unshipped"
  dotnet format analyzers "$project" --diagnostics RS0016 --include-generated --severity error
  # What the fix cannot do: API in PublicAPI.Shipped.txt that is gone needs a *REMOVED* line, written by a person.
  if ! dotnet build "$project" -nologo -clp:ErrorsOnly > "$unshipped.log" 2>&1; then
    grep -E 'error RS00(16|17)' "$unshipped.log" | sort -u >&2 || cat "$unshipped.log" >&2
    echo "error: $project still does not build. For shipped API that was removed, add '*REMOVED*<line>' to $unshipped." >&2
    rm -f "$unshipped.log"
    exit 1
  fi
  rm -f "$unshipped.log"
done
