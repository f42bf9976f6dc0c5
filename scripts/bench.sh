#!/usr/bin/env bash
# `npm run bench`: the trigger's cost as ratios against n8n's own Webhook node, in every pinned
# n8n, written to docs/benchmarks.md (not part of `npm test`). Works on a fresh clone: installs
# what is missing and builds first. Needs PostgreSQL on loopback, as the integration tests do.
#   npm run bench -- --quick              a short trial; leaves docs/benchmarks.md alone
#   npm run bench -- --version 2.40.7     one pinned version only
#   npm run bench -- --no-explain         skip the runs with changed n8n expression settings
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -d node_modules ]; then
	npm ci --no-audit --no-fund
fi
bash scripts/install-n8n.sh
npm run build >/dev/null

export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
export PGDATABASE=${PGDATABASE:-test}
if ! node scripts/check-postgres.js; then
	echo "The bench needs PostgreSQL at $PGHOST:$PGPORT (database $PGDATABASE, user $PGUSER)." \
		"Start it, or set PGHOST/PGPORT/PGUSER/PGDATABASE." >&2
	exit 1
fi

exec npx tsx bench/run.ts "$@"
