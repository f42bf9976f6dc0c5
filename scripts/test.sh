#!/usr/bin/env bash
# `npm test`: every suite (unit, integration against the local Postgres, end-to-end in the pinned
# n8n versions), then one summary line. Works on a fresh clone: installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -d node_modules ]; then
	npm ci --no-audit --no-fund
fi
bash scripts/install-n8n.sh
npm run build

export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
export PGDATABASE=${PGDATABASE:-test}
if ! node scripts/check-postgres.js; then
	echo "The integration and end-to-end suites need PostgreSQL at $PGHOST:$PGPORT" \
		"(database $PGDATABASE, user $PGUSER). Start it, or set PGHOST/PGPORT/PGUSER/PGDATABASE." >&2
	exit 1
fi

redis_host=${EH_E2E_REDIS_HOST:-127.0.0.1} redis_port=${EH_E2E_REDIS_PORT:-6379}
if ! (exec 3<>"/dev/tcp/$redis_host/$redis_port") 2>/dev/null; then
	echo "The queue-mode suite needs Redis at $redis_host:$redis_port. Start it, or set" \
		"EH_E2E_REDIS_HOST/EH_E2E_REDIS_PORT." >&2
	exit 1
fi

mkdir -p .test-output
status=0
npx jest --runInBand --json --outputFile=.test-output/jest.json "$@" || status=$?
node scripts/summarise-tests.js .test-output/jest.json
exit "$status"
