#!/usr/bin/env bash
# The flash-sale benchmark (issue 6): builds the app and the driver, starts the packaged app on a fresh
# database, drives buyers at it with an open arrival model, checks the invariants in SQL, measures the
# database's own ceiling for the hold with pgbench, prints one table and writes bench/results/.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SCRIPT="$ROOT/bench/flash-sale.sh"
DRIVER_JAR="$ROOT/bench/driver/target/flash-sale-driver.jar"

usage() {
  cat <<'EOF'
Usage: bench/flash-sale.sh [options] [driver options]

  --shape S        burst | sweep | sustained | expiry | all                        [burst]
                     burst      warm-up, then 20,000 buyers in 10 s on 10,000 seats, then 10 s at
                                3,000/s against the sold-out tier
                     sweep      warm-up, then 250, 500, 1000, 1500, 2000, 3000 arrivals/s x 20 s,
                                each step on a fresh tier with a seat for every arrival
                     sustained  warm-up, then 1,000 arrivals/s for 60 s
                     expiry     app with a short hold TTL: buyers hold every seat and never pay;
                                the seats come back; later buyers get them
                     all        each shape in turn, each on a fresh app and database
  --capacity N     seats in the burst/expiry tier                                  [10000; expiry 500]
  --hold-ttl D     expiry: the app's hold TTL (TICKETVENDOR_INVENTORY_HOLD_TTL)    [15s]
  --pool-size N    the app's connection pool; pgbench uses as many clients          [10]
  --skip-build     use the jars already in target/ and bench/driver/target/
  --keep           keep the temporary data directory and the app's log
  -h, --help       this help, then the driver's options

Every other option goes to the driver (e.g. --rates 250,500,1000 --step-seconds 10,
--arrivals 20000 --seconds 10, --rate 1000 --sustained-seconds 60, --pay-fraction 0.9,
--concurrency 400, --browse-rate 20, --pgbench-seconds 20, --pgbench none).

Database: the app's embedded PostgreSQL under a fresh temporary DATA_DIR by default. With
DATABASE_URL set (postgres://user:pass@host:port/db or jdbc:postgresql://...), the benchmark creates a
fresh database tv_bench_<random> on that server, runs there, and drops it at the end.

Needs a JDK 17+, curl, and pgbench (Debian: the postgresql package) for the database ceiling.
Results: bench/results/<UTC timestamp>-<shape>.json and .md
EOF
}

SHAPE=burst
CAPACITY=""
HOLD_TTL=15s
POOL_SIZE=10
BUILD=1
KEEP=0
PASS=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --shape) SHAPE="$2"; shift 2 ;;
    --capacity) CAPACITY="$2"; shift 2 ;;
    --hold-ttl) HOLD_TTL="$2"; shift 2 ;;
    --pool-size) POOL_SIZE="$2"; shift 2 ;;
    --skip-build) BUILD=0; shift ;;
    --keep) KEEP=1; shift ;;
    -h|--help)
      usage
      if [[ -f "$DRIVER_JAR" ]]; then echo; java -jar "$DRIVER_JAR" --help; fi
      exit 0 ;;
    *) PASS+=("$1"); shift ;;
  esac
done

if [[ $BUILD -eq 1 ]]; then
  echo "== building the app and the driver"
  (cd "$ROOT" && ./mvnw -q -B -ntp -DskipTests package)
  (cd "$ROOT" && ./mvnw -q -B -ntp -f bench/driver/pom.xml package)
fi

if [[ "$SHAPE" == all ]]; then
  status=0
  for s in burst sweep sustained expiry; do
    args=(--skip-build --shape "$s" --hold-ttl "$HOLD_TTL" --pool-size "$POOL_SIZE")
    [[ -n "$CAPACITY" ]] && args+=(--capacity "$CAPACITY")
    [[ $KEEP -eq 1 ]] && args+=(--keep)
    "$SCRIPT" "${args[@]}" "${PASS[@]}" || status=$?
  done
  exit $status
fi

case "$SHAPE" in burst|sweep|sustained|expiry) ;; *) echo "Unknown shape: $SHAPE" >&2; usage >&2; exit 2 ;; esac
if [[ -z "$CAPACITY" ]]; then
  if [[ "$SHAPE" == expiry ]]; then CAPACITY=500; else CAPACITY=10000; fi
fi

APP_JAR="$(ls "$ROOT"/target/ticket-vendor-*.jar 2>/dev/null | grep -v -- '-plain\.jar$' | head -1 || true)"
[[ -n "$APP_JAR" && -f "$DRIVER_JAR" ]] || { echo "Build first (run without --skip-build)" >&2; exit 2; }

WORK="$(mktemp -d "${TMPDIR:-/tmp}/tv-bench.XXXXXX")"
APP_PID=""
BENCH_DB_NAME=""
EXTERNAL_URL="${DATABASE_URL:-}"

cleanup() {
  local code=$?
  set +e
  if [[ -n "$APP_PID" ]] && kill -0 "$APP_PID" 2>/dev/null; then
    echo "== stopping the app (pid $APP_PID)"
    kill -TERM "$APP_PID"
    for _ in $(seq 1 90); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 1; done
    kill -0 "$APP_PID" 2>/dev/null && kill -KILL "$APP_PID"
  fi
  # Should the app have died without stopping its embedded server, stop the server ourselves.
  local pidfile="$WORK/data/postgres/postmaster.pid"
  if [[ -f "$pidfile" ]]; then
    local pg_pid; pg_pid="$(head -1 "$pidfile")"
    if [[ -n "$pg_pid" ]] && kill -0 "$pg_pid" 2>/dev/null; then
      kill -INT "$pg_pid"
      for _ in $(seq 1 30); do kill -0 "$pg_pid" 2>/dev/null || break; sleep 1; done
    fi
  fi
  if [[ -n "$BENCH_DB_NAME" ]]; then
    java -cp "$DRIVER_JAR" org.ticketvendor.bench.Databases drop "$EXTERNAL_URL" "$BENCH_DB_NAME" \
      && echo "== dropped database $BENCH_DB_NAME"
  fi
  if [[ $KEEP -eq 1 || $code -ne 0 ]]; then
    echo "== kept $WORK (app log: $WORK/app.log)"
  else
    rm -rf "$WORK"
  fi
  exit $code
}
trap cleanup EXIT
trap 'exit 130' INT TERM

PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"

APP_ENV=(
  PORT="$PORT"
  DATA_DIR="$WORK/data"
  # Tokens must outlive the run: logins happen before the sale, and token refresh is not measured.
  TICKETVENDOR_IDENTITY_ACCESS_TOKEN_TTL=3h
  TICKETVENDOR_DATABASE_POOL_SIZE="$POOL_SIZE"
  # Every buyer logs in and buys from 127.0.0.1: the per-address limits would refuse the sale within
  # seconds. The benchmark measures the sale, so they are off (README, "Rate limits").
  TICKETVENDOR_RATE_LIMITS_ENABLED=false
)
if [[ "$SHAPE" == expiry ]]; then
  APP_ENV+=(
    TICKETVENDOR_INVENTORY_HOLD_TTL="$HOLD_TTL"
    TICKETVENDOR_ORDERS_EXPIRY_INTERVAL=1s
    TICKETVENDOR_INVENTORY_SWEEP_INTERVAL=1s
    TICKETVENDOR_INVENTORY_SWEEP_GRACE=5s
  )
fi

if [[ -n "$EXTERNAL_URL" ]]; then
  eval "$(java -cp "$DRIVER_JAR" org.ticketvendor.bench.Databases create "$EXTERNAL_URL")"
  echo "== fresh database $BENCH_DB_NAME on the DATABASE_URL server"
  APP_ENV+=(DATABASE_URL="$BENCH_APP_DATABASE_URL")
  LABEL="external PostgreSQL (DATABASE_URL), database $BENCH_DB_NAME"
else
  APP_ENV+=(DATABASE_URL=)
  LABEL="embedded PostgreSQL (fresh DATA_DIR)"
fi

echo "== starting the app on port $PORT ($LABEL, pool $POOL_SIZE)"
# shellcheck disable=SC2086
env "${APP_ENV[@]}" java ${APP_JAVA_OPTS:-} -jar "$APP_JAR" >"$WORK/app.log" 2>&1 &
APP_PID=$!

for i in $(seq 1 240); do
  if curl -fsS "http://127.0.0.1:$PORT/actuator/health/readiness" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$APP_PID" 2>/dev/null; then
    echo "The app exited during start-up:" >&2; tail -50 "$WORK/app.log" >&2; exit 1
  fi
  [[ $i -eq 240 ]] && { echo "The app was not ready after 240 s" >&2; tail -50 "$WORK/app.log" >&2; exit 1; }
  sleep 1
done
echo "== app ready (pid $APP_PID)"

if [[ -z "$EXTERNAL_URL" ]]; then
  # The embedded server's port is line 4 of postmaster.pid; its superuser password is kept in DATA_DIR.
  PG_PORT="$(sed -n 4p "$WORK/data/postgres/postmaster.pid" | tr -d '[:space:]')"
  BENCH_JDBC_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/ticketvendor"
  BENCH_DB_USER=postgres
  BENCH_DB_PASSWORD="$(tr -d '[:space:]' <"$WORK/data/postgres-password")"
fi

DRIVER_ARGS=(
  --shape "$SHAPE"
  --base-url "http://127.0.0.1:$PORT"
  --jdbc-url "$BENCH_JDBC_URL"
  --db-user "$BENCH_DB_USER"
  --db-password "$BENCH_DB_PASSWORD"
  --pool-size "$POOL_SIZE"
  --capacity "$CAPACITY"
  --app-pid "$APP_PID"
  --results-dir "$ROOT/bench/results"
  --label "$LABEL"
)
[[ "$SHAPE" == expiry ]] && DRIVER_ARGS+=(--hold-ttl "$HOLD_TTL")

set +e
# shellcheck disable=SC2086
java ${DRIVER_JAVA_OPTS:--Xms256m -Xmx2g} -jar "$DRIVER_JAR" "${DRIVER_ARGS[@]}" "${PASS[@]}"
status=$?
set -e
errors="$(grep -c ' ERROR ' "$WORK/app.log" || true)"
echo "== app log: $errors ERROR lines"
if [[ "$errors" -gt 0 ]]; then grep ' ERROR ' "$WORK/app.log" | cut -c1-300 | sort | uniq -c | sort -rn | head -5; fi
exit $status
