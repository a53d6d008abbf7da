#!/usr/bin/env bash
# Two Partnerhub instances against one PostgreSQL on this machine, load on both at once, versus one instance.
# Instance A starts the embedded PostgreSQL (demo data); instance B uses A's database as an external one. wrk runs
# against both ports in parallel (what a round-robin proxy would do, without the proxy's own cost), then the totals
# are checked in the database: every answered redirect has its click row, every acknowledged order is stored.
# Needs: wrk, psql. Run from the repository root: bash bench/two-instances.sh
set -euo pipefail
cd "$(dirname "$0")/.."

PORT_A=${PORT_A:-18081}
PORT_B=${PORT_B:-18082}
PG_PORT=${PG_PORT:-15433}
DURATION=${DURATION:-15s}
CONNECTIONS=${CONNECTIONS:-50}
KEY=bench-key-0123456789abcdef
DATA=$(mktemp -d /tmp/partnerhub-two.XXXXXX)
JAR=$(ls target/partnerhub-*.jar 2>/dev/null | head -1 || true)
if [ -z "$JAR" ] || [ -n "${REBUILD:-}" ]; then
  ./mvnw -B -q -DskipTests package
  JAR=$(ls target/partnerhub-*.jar | head -1)
fi
JAVA=${JAVA:-java}
psql_q() { PGPASSWORD=postgres psql -h localhost -p "$PG_PORT" -U postgres -d partnerhub -tA -c "$1"; }
ready() { for _ in $(seq 1 240); do grep -q "Partnerhub is running" "$1" && return 0; sleep 1; done; tail -40 "$1"; exit 1; }

"$JAVA" ${JAVA_OPTS:-} -jar "$JAR" --server.port="$PORT_A" --partnerhub.database.embedded.data-dir="$DATA/pg" \
  --partnerhub.database.embedded.port="$PG_PORT" --partnerhub.bootstrap.api-key="$KEY" > "$DATA/a.log" 2>&1 &
A=$!
# B first, then A (A's graceful stop also stops the embedded PostgreSQL); then the data.
trap 'kill ${B:-} 2>/dev/null; wait ${B:-} 2>/dev/null; kill $A 2>/dev/null; wait $A 2>/dev/null; rm -rf "$DATA"' EXIT
ready "$DATA/a.log"
"$JAVA" ${JAVA_OPTS:-} -jar "$JAR" --server.port="$PORT_B" \
  --spring.datasource.url="jdbc:postgresql://localhost:$PG_PORT/partnerhub" --spring.datasource.username=postgres \
  --spring.datasource.password=postgres --partnerhub.demo.enabled=false --partnerhub.bootstrap.api-key="$KEY" \
  > "$DATA/b.log" 2>&1 &
B=$!
ready "$DATA/b.log"
CODE=$(psql_q "select code from partner where status = 'approved' order by id limit 1")
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $("$JAVA" -version 2>&1 | head -1); partner $CODE"

rate() { sed -E 's/.*: ([0-9]+) req\/s.*/\1/'; }
echo "--- warm-up (both)"
# `wait` only for the load generators: a bare `wait` would also wait for the two apps.
W=(); for P in $PORT_A $PORT_B; do
  wrk -t1 -c25 -d8s -s bench/flat-out.lua "http://localhost:$P" -- "/r/$CODE" >/dev/null & W+=($!)
done; wait "${W[@]}"
W=(); for P in $PORT_A $PORT_B; do
  WRK_SEED=$P wrk -t1 -c8 -d8s -s bench/orders.lua "http://localhost:$P" -- "$KEY" "$CODE" >/dev/null & W+=($!)
done; wait "${W[@]}"
sleep 1

echo "--- redirects: one instance, $CONNECTIONS connections, $DURATION"
ONE=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" -s bench/flat-out.lua "http://localhost:$PORT_A" -- "/r/$CODE" | grep "^flat-out")
echo "A alone: $ONE"
echo "--- redirects: two instances, $CONNECTIONS connections split over both, $DURATION"
BEFORE=$(psql_q "select count(*) from click")
wrk -t1 -c$((CONNECTIONS / 2)) -d"$DURATION" -s bench/flat-out.lua "http://localhost:$PORT_A" -- "/r/$CODE" | grep "^flat-out" > "$DATA/ra" & W1=$!
wrk -t1 -c$((CONNECTIONS / 2)) -d"$DURATION" -s bench/flat-out.lua "http://localhost:$PORT_B" -- "/r/$CODE" | grep "^flat-out" > "$DATA/rb" & W2=$!
wait $W1 $W2
sleep 2
AFTER=$(psql_q "select count(*) from click")
echo "A: $(cat "$DATA/ra")"; echo "B: $(cat "$DATA/rb")"
SUM=$(( $(rate < "$DATA/ra") + $(rate < "$DATA/rb") ))
SENT=$(( $(sed -E 's/.*total ([0-9]+).*/\1/' "$DATA/ra") + $(sed -E 's/.*total ([0-9]+).*/\1/' "$DATA/rb") ))
echo "two instances together: $SUM req/s vs one: $(echo "$ONE" | rate) req/s; clicks stored $((AFTER - BEFORE)) of $SENT answered"

echo "--- orders: one instance (16 connections), then two (8 + 8), $DURATION"
wrk -t2 -c16 -d"$DURATION" -s bench/orders.lua "http://localhost:$PORT_A" -- "$KEY" "$CODE" | grep '^orders' | sed 's/^/A alone: /'
OB=$(psql_q "select count(*) from customer_order")
WRK_SEED=1 wrk -t1 -c8 -d"$DURATION" -s bench/orders.lua "http://localhost:$PORT_A" -- "$KEY" "$CODE" | grep '^orders' | sed 's/^/A: /' & W1=$!
WRK_SEED=2 wrk -t1 -c8 -d"$DURATION" -s bench/orders.lua "http://localhost:$PORT_B" -- "$KEY" "$CODE" | grep '^orders' | sed 's/^/B: /' & W2=$!
wait $W1 $W2
OA=$(psql_q "select count(*) from customer_order")
echo "orders stored during the two-instance run: $((OA - OB)); duplicates: $(psql_q "select count(*) - count(distinct order_id) from customer_order")"
