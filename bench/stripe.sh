#!/usr/bin/env bash
# Webhook ingestion: signed Stripe checkout.session.completed events (one paid order each) posted to
# /webhooks/stripe at saturation on the packaged app with a fresh embedded PostgreSQL, after a warm-up; afterwards
# checks that every event was applied exactly once: one stripe_event row per distinct event, one order per applied
# event, replays (a thread that ran out of events starts its share again) booked nothing more.
#
#   bash bench/stripe.sh                      # 16 connections, 30 s, 60,000 events per run
# Variables: PORT, PG_PORT, DURATION, WARMUP, CONNECTIONS, EVENTS, REBUILD=1, JAR, JAVA, JAVA_OPTS, APP_ARGS.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${PORT:-18080}
PG_PORT=${PG_PORT:-15432}
DURATION=${DURATION:-30s}
WARMUP=${WARMUP:-45s}
CONNECTIONS=${CONNECTIONS:-16}
EVENTS=${EVENTS:-60000}
SECRET=whsec_bench_0123456789abcdef0123456789
DATA=$(mktemp -d /tmp/partnerhub-stripe.XXXXXX)
JAR=${JAR:-$(ls target/partnerhub-*.jar 2>/dev/null | head -1 || true)}
if [ -z "$JAR" ] || [ -n "${REBUILD:-}" ]; then
  ./mvnw -B -q -DskipTests package
  JAR=$(ls target/partnerhub-*.jar | head -1)
fi

psql_q() { PGPASSWORD=postgres psql -h localhost -p "$PG_PORT" -U postgres -d partnerhub -tA -c "$1"; }

JAVA=${JAVA:-java}
# shellcheck disable=SC2086
"$JAVA" ${JAVA_OPTS:-} -jar "$JAR" --server.port="$PORT" --partnerhub.database.embedded.data-dir="$DATA/pg" \
  --partnerhub.database.embedded.port="$PG_PORT" --partnerhub.integrations.stripe.webhook-secret="$SECRET" \
  ${APP_ARGS:-} > "$DATA/app.log" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null; wait $APP 2>/dev/null || true; rm -rf "$DATA"' EXIT
for _ in $(seq 1 "${START_WAIT:-480}"); do grep -q "Partnerhub is running" "$DATA/app.log" && break; sleep 1; done
grep -q "Partnerhub is running" "$DATA/app.log" || { tail -50 "$DATA/app.log"; exit 1; }
CODE=$(psql_q "select code from partner where status = 'approved' order by id limit 1")
SKU=$(psql_q "select sku from product order by id limit 1")
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $("$JAVA" -version 2>&1 | head -1); partner $CODE, sku $SKU; $CONNECTIONS connections"

run() { # $1 = label, $2 = duration
  python3 bench/stripe-events.py "$EVENTS" "$SECRET" "$1" "$CODE" "$SKU" > "$DATA/events-$1.txt"
  wrk -t2 -c"$CONNECTIONS" -d"$2" -s bench/stripe.lua "http://localhost:$PORT" -- "$DATA/events-$1.txt" | grep '^events'
}

echo "--- warm-up ($WARMUP): $(run warm "$WARMUP")"
OUT=$(run run1 "$DURATION")
ANSWERED=$(echo "$OUT" | sed -E 's/.*answered: ([0-9]+).*/\1/')
DISTINCT=$(( ANSWERED < EVENTS ? ANSWERED : EVENTS ))
sleep 2
STORED=$(psql_q "select count(*) from stripe_event where event_id like 'evt_bench_run1_%'")
APPLIED=$(psql_q "select count(*) from stripe_event where event_id like 'evt_bench_run1_%' and outcome = 'applied'")
ORDERS=$(psql_q "select count(*) from customer_order where order_id like 'stripe:cs_bench_run1_%'")
COMMISSIONS=$(psql_q "select count(*) from commission c join customer_order o on o.id = c.order_id where o.order_id like 'stripe:cs_bench_run1_%'")
echo "run ($DURATION): $OUT"
echo "distinct events sent ≈ $DISTINCT (replays: $(( ANSWERED - DISTINCT ))); stored $STORED, applied $APPLIED, orders $ORDERS, commissions $COMMISSIONS"
echo "all applied once: $([ "$APPLIED" = "$ORDERS" ] && [ "$STORED" -ge "$DISTINCT" ] && [ "$STORED" -le "$EVENTS" ] && echo yes || echo NO); load $(cut -d' ' -f1 /proc/loadavg)"
