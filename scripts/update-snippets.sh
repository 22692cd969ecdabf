#!/usr/bin/env bash
# Copies each // <snippet:NAME> region of the .cs files under samples/ and tests/ into the README and docs/ blocks
# marked <!-- snippet: NAME --> (tests/TryVox.Packaging.Tests/Snippets.cs), then checks them.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet test tests/TryVox.Packaging.Tests --filter "FullyQualifiedName~ReadmeSnippetTests" -e TRYVOX_UPDATE_SNIPPETS=true -nologo
git --no-pager diff --stat -- README.md docs/
