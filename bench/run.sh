#!/usr/bin/env bash
# Partnerhub benchmarks, side by side in one run: nginx (when installed) and a bare Spring Boot app (bench/bare)
# answering the same 302 + cookie as a tracked link, then Partnerhub's /ping, /t.js and /r/{code}; req/s, p99 and
# CPU microseconds per request (JVM + PostgreSQL, from /proc); the ratios the targets are stated in; paced latency of
# /ping and /r/ at the same rate; order ingestion; afterwards every click and acknowledged order is checked in the
# database. App, embedded PostgreSQL and load generator share the machine, as DESIGN.md prescribes.
# Needs: wrk and psql (apt-get install -y wrk postgresql-client; nginx optional). Run from the repository root.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${PORT:-18080}
BARE_PORT=${BARE_PORT:-18081}
NGINX_PORT=${NGINX_PORT:-18082}
PG_PORT=${PG_PORT:-15432}
DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-64}
RATE=${RATE:-10000}
# JIT and caches settle slowly on 2 cores: a 10 s warm-up overstated the redirect/plain ratio (docs/benchmarks.md).
WARMUP=${WARMUP:-60s}
ORDERS=${ORDERS:-1}
KEY=bench-key-0123456789abcdef
DATA=$(mktemp -d /tmp/partnerhub-bench.XXXXXX)
JAR=$(ls target/partnerhub-*.jar 2>/dev/null | head -1 || true)
if [ -z "$JAR" ] || [ -n "${REBUILD:-}" ]; then
  ./mvnw -B -q -DskipTests package
  JAR=$(ls target/partnerhub-*.jar | head -1)
fi
BARE_JAR=bench/bare/target/bare-redirect.jar
if [ ! -f "$BARE_JAR" ] || [ -n "${REBUILD:-}" ]; then
  ./mvnw -B -q -f bench/bare/pom.xml -DskipTests package
fi

psql_q() { PGPASSWORD=postgres psql -h localhost -p "$PG_PORT" -U postgres -d partnerhub -tA -c "$1"; }
TICKS=$(getconf CLK_TCK)
# CPU time (ticks) of a process, its live children and the children it has reaped: the JVM, PostgreSQL's
# postmaster with its backends and background workers, nginx's master with its workers.
cpu_ticks() {
  local total=0 pid
  for pid in "$@" $(for p in "$@"; do ps -o pid= --ppid "$p" 2>/dev/null || true; done); do
    [ -r "/proc/$pid/stat" ] || continue
    total=$((total + $(awk '{print $14 + $15 + $16 + $17}' "/proc/$pid/stat")))
  done
  echo "$total"
}

JAVA=${JAVA:-java}
"$JAVA" ${JAVA_OPTS:-} -jar "$JAR" --server.port="$PORT" --partnerhub.database.embedded.data-dir="$DATA/pg" \
  --partnerhub.database.embedded.port="$PG_PORT" --partnerhub.bootstrap.api-key="$KEY" \
  > "$DATA/app.log" 2>&1 &
APP=$!
"$JAVA" ${JAVA_OPTS:-} -jar "$BARE_JAR" --server.port="$BARE_PORT" --spring.threads.virtual.enabled=true \
  > "$DATA/bare.log" 2>&1 &
BARE=$!
NGINX=""
if command -v nginx >/dev/null; then
  cat > "$DATA/nginx.conf" <<CONF
worker_processes 2;
daemon off;
pid $DATA/nginx.pid;
error_log $DATA/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  server {
    listen $NGINX_PORT;
    location /r/ {
      add_header Set-Cookie "ph_ref=\$request_id; Path=/; Max-Age=2592000; HttpOnly; SameSite=Lax" always;
      add_header Cache-Control no-store always;
      return 302 https://example.com/landing;
    }
    location /ping { return 200 pong; }
  }
}
CONF
  nginx -c "$DATA/nginx.conf" -p "$DATA" > "$DATA/nginx.log" 2>&1 &
  NGINX=$!
fi
trap 'kill $APP $BARE $NGINX 2>/dev/null; wait $APP $BARE 2>/dev/null; rm -rf "$DATA"' EXIT
# Ready means the start-up banner was printed: the demo data is seeded by then (the port opens earlier).
for _ in $(seq 1 180); do grep -q "Partnerhub is running" "$DATA/app.log" && break; sleep 1; done
grep -q "Partnerhub is running" "$DATA/app.log" || { tail -50 "$DATA/app.log"; exit 1; }
for _ in $(seq 1 60); do curl -sf "http://localhost:$BARE_PORT/ping" >/dev/null && break; sleep 1; done
PG_PID=$(head -1 "$DATA/pg/postmaster.pid")
CODE=$(psql_q "select code from partner where status = 'approved' order by id limit 1")
echo "machine: $(nproc) cores, $(free -g | awk '/Mem/{print $2}') GiB; $("$JAVA" -version 2>&1 | head -1); partner $CODE"
echo "$(date -u +%F) — $CONNECTIONS connections, $DURATION per line after ${WARMUP} warm-ups"

flat() { wrk -t2 -c"$CONNECTIONS" -d"$1" -s bench/flat-out.lua "$2" -- "$3"; }
echo "--- warm-up"
flat "$WARMUP" "http://localhost:$BARE_PORT" "/r/$CODE" >/dev/null
flat "$WARMUP" "http://localhost:$PORT" /ping >/dev/null
flat "$WARMUP" "http://localhost:$PORT" "/r/$CODE" >/dev/null
flat 20s "http://localhost:$PORT" /t.js >/dev/null
[ "$ORDERS" = 1 ] && wrk -t2 -c16 -d15s -s bench/orders.lua "http://localhost:$PORT" -- "$KEY" "$CODE" warm >/dev/null
sleep 2

declare -A RPS TOTALS
# measure NAME URL PATH SERVER_PID [PG_PID]: one saturation run; prints req/s, p99 and CPU µs per request of the
# server (and of PostgreSQL, when given)
measure() {
  local name=$1 url=$2 path=$3 server=$4 pg=${5:-}
  local s0 s1 p0=0 p1=0 out rps total cpu
  s0=$(cpu_ticks "$server"); [ -n "$pg" ] && p0=$(cpu_ticks "$pg")
  out=$(flat "$DURATION" "$url" "$path" | grep "^flat-out")
  s1=$(cpu_ticks "$server"); [ -n "$pg" ] && p1=$(cpu_ticks "$pg")
  rps=$(echo "$out" | sed -E 's/.*: ([0-9]+) req\/s.*/\1/')
  total=$(echo "$out" | sed -E 's/.*total ([0-9]+).*/\1/')
  RPS[$name]=$rps
  TOTALS[$name]=$total
  us() { awk "BEGIN{printf \"%.0f\", $1 * 1000000 / $TICKS / $total}"; }
  cpu="$(us $((s1 - s0 + p1 - p0))) µs/request"
  [ -n "$pg" ] && cpu="$cpu (JVM $(us $((s1 - s0))) + PostgreSQL $(us $((p1 - p0))))"
  printf "%-24s %8s req/s  p99 %9s  CPU %s  non-2xx/3xx %s\n" "$name" "$rps" \
    "$(echo "$out" | sed -E 's/.*p99 ([0-9.]+ ms).*/\1/')" "$cpu" "$(echo "$out" | sed -E 's/.*non-2xx\/3xx ([0-9]+).*/\1/')"
}

echo "--- saturation, side by side (CPU = the server's processes: JVM, and for Partnerhub also PostgreSQL)"
[ -n "$NGINX" ] && measure "nginx /r/" "http://localhost:$NGINX_PORT" "/r/$CODE" "$NGINX"
measure "bare Spring Boot /r/" "http://localhost:$BARE_PORT" "/r/$CODE" "$BARE"
measure "bare Spring Boot /ping" "http://localhost:$BARE_PORT" /ping "$BARE"
measure "Partnerhub /ping" "http://localhost:$PORT" /ping "$APP" "$PG_PID"
measure "Partnerhub /t.js" "http://localhost:$PORT" /t.js "$APP" "$PG_PID"
BEFORE=$(psql_q "select count(*) from click")
measure "Partnerhub /r/" "http://localhost:$PORT" "/r/$CODE" "$APP" "$PG_PID"
sleep 2
AFTER=$(psql_q "select count(*) from click")
echo "clicks stored: $((AFTER - BEFORE)) of ${TOTALS["Partnerhub /r/"]} redirects answered (wrk counts requests it completed)"
ratio() { awk "BEGIN{printf \"%.2f\", $1/$2}"; }
echo "ratios: /r/ ÷ bare /r/ = $(ratio "${RPS["Partnerhub /r/"]}" "${RPS["bare Spring Boot /r/"]}") (target ≥ 0.7);" \
  "/r/ ÷ /ping = $(ratio "${RPS["Partnerhub /r/"]}" "${RPS["Partnerhub /ping"]}") (target ≥ 0.8);" \
  "/ping ÷ bare /ping = $(ratio "${RPS["Partnerhub /ping"]}" "${RPS["bare Spring Boot /ping"]}")"

echo "--- paced latency at $RATE req/s ($CONNECTIONS connections): /ping, then /r/"
# The plain endpoint at the same pace shows what the machine itself allows (app, database and wrk share 2 cores).
PING=$(CONNECTIONS=$CONNECTIONS wrk -t2 -c"$CONNECTIONS" -d"$DURATION" -s bench/paced.lua "http://localhost:$PORT" -- /ping "$RATE" | grep "^paced")
echo "/ping $PING"
BEFORE=$(psql_q "select count(*) from click")
PACED=$(CONNECTIONS=$CONNECTIONS wrk -t2 -c"$CONNECTIONS" -d"$DURATION" -s bench/paced.lua "http://localhost:$PORT" -- "/r/$CODE" "$RATE" | grep "^paced")
echo "/r/   $PACED"
sleep 2
AFTER=$(psql_q "select count(*) from click")
echo "clicks stored: $((AFTER - BEFORE)) of $(echo "$PACED" | sed -E 's/.*total ([0-9]+).*/\1/') paced redirects answered"
p99() { echo "$1" | sed -E 's/.*p99 ([0-9.]+) ms.*/\1/'; }
echo "ratio paced p99 /r/ ÷ /ping: $(ratio "$(p99 "$PACED")" "$(p99 "$PING")") (target ≤ 1.1)"

if [ "$ORDERS" = 1 ]; then
  echo "--- order ingestion (16 connections, $DURATION)"
  OB=$(psql_q "select count(*) from customer_order")
  wrk -t2 -c16 -d"$DURATION" -s bench/orders.lua "http://localhost:$PORT" -- "$KEY" "$CODE" run | grep '^orders'
  OA=$(psql_q "select count(*) from customer_order")
  echo "orders stored: $((OA - OB)); commissions: $(psql_q "select count(*) from commission c join customer_order o on o.id = c.order_id where o.order_id like 'bench-%'")"
fi
