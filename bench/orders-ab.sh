#!/usr/bin/env bash
# A/B of order ingestion on a noisy machine: starts two builds (or one build with two settings) side by side, each
# with its own embedded PostgreSQL, and alternates short measured runs between them, so background load hits both
# alike. Prints every run and the median per side: orders/s, and CPU per order (JVM + PostgreSQL, including the
# background work the orders cause), which moves less than orders/s with the machine's other load. The A side measures ~15 %
# faster than the B side even with one build on both: run it both ways round and take the geometric mean.
#
#   A_JAR=/tmp/old.jar B_JAR=target/partnerhub-0.1.0-SNAPSHOT.jar bash bench/orders-ab.sh
#   B_ARGS=--spring.threads.virtual.enabled=false bash bench/orders-ab.sh     # same build, two settings
# Variables: A_JAR, B_JAR (default: target's jar), A_ARGS, B_ARGS, A_JAVA, B_JAVA, ROUNDS (6), DURATION (10s),
# WARMUP (20s), CONNECTIONS (16), PORT/PG_PORT (A uses them, B the next ones).
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${PORT:-18080}
PG_PORT=${PG_PORT:-15432}
ROUNDS=${ROUNDS:-6}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-20s}
CONNECTIONS=${CONNECTIONS:-16}
KEY=bench-key-0123456789abcdef
DEFAULT_JAR=$(ls target/partnerhub-*.jar 2>/dev/null | head -1 || true)
A_JAR=${A_JAR:-$DEFAULT_JAR}
B_JAR=${B_JAR:-$DEFAULT_JAR}
DATA=$(mktemp -d /tmp/partnerhub-orders-ab.XXXXXX)
PIDS=()
trap 'kill "${PIDS[@]}" 2>/dev/null; wait 2>/dev/null; rm -rf "$DATA"' EXIT

start() { # side jar java args port pg-port
  # shellcheck disable=SC2086
  "$3" -jar "$2" --server.port="$5" --partnerhub.database.embedded.data-dir="$DATA/$1/pg" \
    --partnerhub.database.embedded.port="$6" --partnerhub.bootstrap.api-key="$KEY" $4 > "$DATA/$1.log" 2>&1 &
  PIDS+=($!)
}
mkdir -p "$DATA/a" "$DATA/b"
start a "$A_JAR" "${A_JAVA:-java}" "${A_ARGS:-}" "$PORT" "$PG_PORT"
start b "$B_JAR" "${B_JAVA:-java}" "${B_ARGS:-}" "$((PORT + 1))" "$((PG_PORT + 1))"
for side in a b; do
  for _ in $(seq 1 "${START_WAIT:-480}"); do grep -q "Partnerhub is running" "$DATA/$side.log" && break; sleep 1; done
  grep -q "Partnerhub is running" "$DATA/$side.log" || { tail -30 "$DATA/$side.log"; exit 1; }
done
# shellcheck source=bench/cpu.sh
. bench/cpu.sh
orders() { PGPASSWORD=postgres psql -h localhost -p "$1" -U postgres -d partnerhub -tA -c "select count(*) from customer_order"; }
code() { PGPASSWORD=postgres psql -h localhost -p "$1" -U postgres -d partnerhub -tA \
  -c "select code from partner where status = 'approved' order by id limit 1"; }
CODE_A=$(code "$PG_PORT"); CODE_B=$(code "$((PG_PORT + 1))")
echo "A: $A_JAR ${A_ARGS:-} ${A_JAVA:-java}"
echo "B: $B_JAR ${B_ARGS:-} ${B_JAVA:-java}"
run() { # side port code label duration
  wrk -t2 -c"$CONNECTIONS" -d"$5" -s bench/orders.lua "http://localhost:$2" -- "$KEY" "$3" "$4" | grep '^orders' \
    | sed -E 's/orders\/s: ([0-9.]+).*p99: ([0-9.]+) ms.*errors\(non-2xx\): ([0-9]+).*/\1 \2 \3/'
}
run a "$PORT" "$CODE_A" warm "$WARMUP" >/dev/null
run b "$((PORT + 1))" "$CODE_B" warm "$WARMUP" >/dev/null
for r in $(seq 1 "$ROUNDS"); do
  # alternate who goes first
  if [ $((r % 2)) -eq 1 ]; then order="a b"; else order="b a"; fi
  for side in $order; do
    if [ "$side" = a ]; then p=$PORT; c=$CODE_A; pid=${PIDS[0]}; else p=$((PORT + 1)); c=$CODE_B; pid=${PIDS[1]}; fi
    o0=$(orders "$((p - PORT + PG_PORT))"); j0=$(proc_ticks "$pid"); g0=$(pg_ticks "$DATA/$side/pg")
    read -r rate p99 errors <<< "$(run "$side" "$p" "$c" "r$r" "$DURATION")"
    o1=$(orders "$((p - PORT + PG_PORT))"); j1=$(proc_ticks "$pid"); g1=$(pg_ticks "$DATA/$side/pg")
    cpu=$(per $((j1 - j0 + g1 - g0)) $((o1 - o0)))
    echo "round $r $side: $rate orders/s  p99 $p99 ms  non-2xx $errors  CPU $cpu ms/order (JVM $(per $((j1 - j0)) $((o1 - o0))), PostgreSQL $(per $((g1 - g0)) $((o1 - o0))))  load $(cut -d' ' -f1 /proc/loadavg)"
    echo "$rate" >> "$DATA/$side.rates"
    echo "$cpu" >> "$DATA/$side.cpu"
  done
done
median() { sort -n "$1" | awk '{a[NR]=$1} END{print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
echo "median A: $(median "$DATA/a.rates") orders/s, B: $(median "$DATA/b.rates") orders/s (B/A $(awk "BEGIN{printf \"%.2f\", $(median "$DATA/b.rates") / $(median "$DATA/a.rates")}"))"
echo "median CPU per order (JVM + PostgreSQL): A $(median "$DATA/a.cpu") ms, B $(median "$DATA/b.cpu") ms (B/A $(awk "BEGIN{printf \"%.2f\", $(median "$DATA/b.cpu") / $(median "$DATA/a.cpu")}"))"
