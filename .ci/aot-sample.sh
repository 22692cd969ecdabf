#!/usr/bin/env bash
# Publishes samples/TryVox.AotSample with native AOT for linux-x64 (trim and AOT warnings are errors, and any warning
# fails this step), then runs the binary once against the local sandbox. Prints the publish time and binary size.
set -uo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d)
sandbox=""
cleanup() {
  [ -n "$sandbox" ] && kill -- "-$sandbox" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

started=$SECONDS
if ! dotnet publish samples/TryVox.AotSample -c Release -r linux-x64 -o "$work/bin" -p:TreatWarningsAsErrors=true \
    -nologo > "$work/publish.log" 2>&1; then
  cat "$work/publish.log"
  echo "error: the native AOT publish of samples/TryVox.AotSample failed." >&2
  exit 1
fi
if grep -iE "warning [A-Z]+[0-9]{3,}" "$work/publish.log"; then
  echo "error: the native AOT publish of samples/TryVox.AotSample printed warnings (above); it must print none." >&2
  exit 1
fi
binary="$work/bin/TryVox.AotSample"
echo "AOT sample: published in $((SECONDS - started)) s; native binary $(stat -c %s "$binary") bytes ($(du -h "$binary" | cut -f1))"

# The sandbox on a free port, in its own process group so that it stops with everything it started.
setsid dotnet run --project src/TryVox.Sandbox -- --port 0 > "$work/sandbox.log" 2>&1 &
sandbox=$!
url=""
for _ in $(seq 1 240); do
  url=$(grep -oE 'listening on http://127\.0\.0\.1:[0-9]+/v1' "$work/sandbox.log" | head -1 | cut -d' ' -f3)
  [ -n "$url" ] && break
  kill -0 "$sandbox" 2>/dev/null || break
  sleep 0.5
done
if [ -z "$url" ]; then
  cat "$work/sandbox.log"
  echo "error: the sandbox did not start." >&2
  exit 1
fi
key=$(grep -oE 'API key: +\S+' "$work/sandbox.log" | awk '{ print $3 }')
account=$(grep -oE 'Account ID: +\S+' "$work/sandbox.log" | awk '{ print $3 }')

TRYVOX_BASE_URL="$url" TRYVOX_API_KEY="$key" TRYVOX_ACCOUNT="$account" timeout 60 "$binary" > "$work/run.log" 2>&1
status=$?
cat "$work/run.log"
if [ "$status" -ne 0 ] || ! grep -qx 'ok' "$work/run.log" || ! grep -q 'UNAUTHORIZED: Invalid or missing API key' "$work/run.log"; then
  echo "error: the AOT sample did not succeed against the sandbox at $url (exit code $status)." >&2
  exit 1
fi
