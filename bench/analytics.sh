#!/usr/bin/env bash
# Analytics at a million tickets (issue 8): seeds ~1,000,000 tickets in SQL into the test database,
# measures the read model's refresh, checks the reports against direct counts, measures the endpoints'
# latency (also during a refresh) and streams the biggest event's CSV exports (heap: HEAP, 512m).
# Prints one line per result ("ANALYTICS BENCH | ...") and writes bench/results/<timestamp>-analytics.md.
#
#   bench/analytics.sh                 # ~1,000,000 tickets, embedded PostgreSQL (a few minutes)
#   ORDERS=100000 bench/analytics.sh   # smaller (about 2.2 tickets per order)
#   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres bench/analytics.sh
#                                      # on that server, in a database created and dropped for the run
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
ORDERS="${ORDERS:-463500}"
REQUESTS="${REQUESTS:-300}"
HEAP="${HEAP:-512m}"

LOG="$(mktemp -t analytics-bench.XXXXXX.log)"
status=0
./mvnw -B -ntp test \
  -Dtest=AnalyticsScaleBenchmark \
  -Dsurefire.failIfNoSpecifiedTests=false \
  -Djacoco.skip=true \
  -Danalytics.bench.orders="$ORDERS" \
  -Danalytics.bench.requests="$REQUESTS" \
  -DargLine="-Xmx$HEAP" >"$LOG" 2>&1 || status=$?
grep -E '^ANALYTICS BENCH' "$LOG" || true
if [ "$status" -ne 0 ]; then
  grep -E 'Tests run|FAIL|Error|expected|but was' "$LOG" | head -40
  echo "The benchmark failed; its whole log is $LOG" >&2
  exit "$status"
fi
rm -f "$LOG"
