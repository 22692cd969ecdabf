#!/usr/bin/env bash
# Runs tests/TryVox.Client.Tests against the newest Microsoft.Kiota.* packages the package source serves, resolved now,
# as an application that also uses another Kiota client would run the SDK: TryVox.Client compiled against its floor
# (Directory.Packages.props), the test application lifting Kiota by its own reference (KiotaLatest in its project file).
# Prints the versions used; the test run's summary line follows. docs/kiota-upgrades.md says what a failure means.
set -uo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 KIOTA_OFFLINE_ENABLED=true

project=tests/TryVox.Client.Tests
assets=artifacts/kiota-latest/obj/TryVox.Client.Tests/project.assets.json
# Floating versions are resolved again on every run, so a Kiota released since the last run is the one tested.
if ! dotnet restore "$project" -p:KiotaLatest=true --force-evaluate -nologo > /dev/null; then
  echo "error: restoring $project with the newest Kiota failed (is the package source reachable?)." >&2
  exit 1
fi

# name/version of each Kiota package in a restore's assets file.
kiota() { grep -oE '"Microsoft\.Kiota\.[A-Za-z.]+/[0-9][^"]*"' "$1" | tr -d '"' | sort -u; }
floor=$(kiota src/TryVox.Client/obj/project.assets.json)
latest=$(kiota "$assets")
echo "Kiota-latest run: TryVox.Client compiled against $(echo $floor | sed 's| |, |g')"
echo "Kiota-latest run: the test application runs with $(echo $latest | sed 's| |, |g')"
for package in $(echo "$floor" | cut -d/ -f1); do
  if ! echo "$latest" | grep -q "^$package/"; then
    echo "error: $package, which TryVox.Client uses, is not lifted by the test application." >&2
    exit 1
  fi
done

dotnet test "$project" --no-restore -p:KiotaLatest=true
