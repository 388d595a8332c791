#!/usr/bin/env bash
# Rebuilds the official RivetKit client's browser bundle that rivetkit.html loads
# (src/main/resources/static/rivetkit/rivetkit-client.js) from rivetkit at the version of package-lock.json.
# Needs npm; run from sample-chat-app/: src/test/rivetkit/bundle.sh
set -euo pipefail
cd "$(dirname "$0")"
work=$(mktemp -d)
cp package.json package-lock.json "$work"
(cd "$work" && npm install --no-audit --no-fund --omit=optional >/dev/null && npm install --no-save --no-audit --no-fund esbuild@0.25.12 >/dev/null)
echo 'export { createClient } from "rivetkit/client";' > "$work/entry.mjs"
out=../../main/resources/static/rivetkit/rivetkit-client.js
version=$(node -p "require('$work/node_modules/rivetkit/package.json').version")
{
  echo "/* rivetkit/client $version (the official RivetKit client, Apache-2.0) and its dependencies, bundled for the browser"
  echo " * by sample-chat-app/src/test/rivetkit/bundle.sh (esbuild --bundle --format=esm --minify); their license comments"
  echo " * are at the end. Used by rivetkit.html. */"
  (cd "$work" && node_modules/.bin/esbuild entry.mjs --bundle --format=esm --platform=browser --minify --legal-comments=eof --log-level=warning)
} > "$out"
rm -rf "$work"
echo "wrote $out (rivetkit $version)"
