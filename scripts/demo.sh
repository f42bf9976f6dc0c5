#!/usr/bin/env bash
# `npm run demo`: builds the package, starts the pinned n8n on loopback with it and an example
# workflow, and tells a short story through real HTTP. Works on a fresh clone.
#   npm run demo -- --keep              leave n8n running and print how to log in
#   npm run demo -- --version 1.123.81  use the older pinned n8n
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/n8n-versions.sh

version=${N8N_VERSIONS[${#N8N_VERSIONS[@]}-1]}
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
	if [ "${args[$i]}" = "--version" ] && [ $((i + 1)) -lt ${#args[@]} ]; then
		version=${args[$((i + 1))]}
	fi
done

if [ ! -d node_modules ]; then
	npm ci --no-audit --no-fund
fi
bash scripts/install-n8n.sh "$version"
npm run build >/dev/null
exec npx tsx scripts/demo.ts --version "$version" "$@"
