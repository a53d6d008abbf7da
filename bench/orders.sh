#!/usr/bin/env bash
# Order ingestion only: POST /api/v1/orders at saturation, RUNS times after a warm-up, on the packaged app with a
# fresh embedded PostgreSQL; afterwards checks that every answered order is stored (durable before its 201).
# App, PostgreSQL and wrk share the machine, as DESIGN.md prescribes.
#
#   bash bench/orders.sh                                   # JDK on PATH, 16 connections, 2 × 20 s
#   CONNECTIONS=64 bash bench/orders.sh                    # the ≥ 2,000 orders/s measurement (docs/benchmarks.md)
#   JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java bash bench/orders.sh
#   STATEMENTS=1 bash bench/orders.sh                     # only counts SQL statements per order (debug log)
#   JFR=1 bash bench/orders.sh                            # JFR recording of the measured runs, hot methods printed
#   YOUNG=1 CONNECTIONS=64 bash bench/orders.sh            # a fresh install: no demo data, a few dozen orders, refunds
#                                                          # and clicks through the API, then measured from the first
#                                                          # minute (no warm-up), 3 runs; prints contact's full scans
# Variables: PORT, PG_PORT, DURATION, WARMUP, CONNECTIONS, RUNS, REBUILD=1, JAR (another build, for A/B), JAVA,
# JAVA_OPTS, APP_ARGS (extra --property=value for the app), KEEP_LOG, KEEP_JFR.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${PORT:-18080}
PG_PORT=${PG_PORT:-15432}
DURATION=${DURATION:-20s}
WARMUP=${WARMUP:-60s}   # C2 is still compiling the order path 30 s after start
CONNECTIONS=${CONNECTIONS:-16}
RUNS=${RUNS:-2}
KEY=bench-key-0123456789abcdef
DATA=$(mktemp -d /tmp/partnerhub-orders.XXXXXX)
JAR=${JAR:-$(ls target/partnerhub-*.jar 2>/dev/null | head -1 || true)}
if [ -z "$JAR" ] || [ -n "${REBUILD:-}" ]; then
  ./mvnw -B -q -DskipTests package
  JAR=$(ls target/partnerhub-*.jar | head -1)
fi

# shellcheck source=bench/cpu.sh
. bench/cpu.sh
psql_q() { PGPASSWORD=postgres psql -h localhost -p "$PG_PORT" -U postgres -d partnerhub -tA -c "$1"; }

JAVA=${JAVA:-java}
OPTS=${JAVA_OPTS:-}
ARGS=${APP_ARGS:-}
if [ -n "${YOUNG:-}" ]; then
  ARGS="$ARGS --partnerhub.demo.enabled=false"
  WARMUP=0
  RUNS=${YOUNG_RUNS:-3}
fi
if [ -n "${STATEMENTS:-}" ]; then
  ARGS="$ARGS --logging.level.org.springframework.jdbc.core=debug"
  ARGS="$ARGS --logging.level.org.springframework.jdbc.support.JdbcTransactionManager=debug"
  ARGS="$ARGS --logging.level.org.springframework.jdbc.datasource.DataSourceTransactionManager=debug"
  # long enough for start-up work to finish (the rules' start-up re-check evaluates the demo's partners)
  WARMUP=${STATEMENTS_WARMUP:-15s}
fi
# shellcheck disable=SC2086
"$JAVA" $OPTS -jar "$JAR" --server.port="$PORT" --partnerhub.database.embedded.data-dir="$DATA/pg" \
  --partnerhub.database.embedded.port="$PG_PORT" --partnerhub.bootstrap.api-key="$KEY" $ARGS \
  > "$DATA/app.log" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null; wait $APP 2>/dev/null || true; if [ -n "${KEEP_LOG:-}" ]; then cp "$DATA/app.log" "$KEEP_LOG"; fi; rm -rf "$DATA"' EXIT
for _ in $(seq 1 "${START_WAIT:-480}"); do grep -q "Partnerhub is running" "$DATA/app.log" && break; sleep 1; done
grep -q "Partnerhub is running" "$DATA/app.log" || { tail -50 "$DATA/app.log"; exit 1; }
if [ -n "${YOUNG:-}" ]; then
  # What a new install sees in its first minutes: a program, two partners, the bench's products, a few dozen orders,
  # refunds and clicks, and tables nobody has analyzed yet.
  api() { curl -s -o /dev/null -w '%{http_code}' -X POST "http://localhost:$PORT$1" -H "Authorization: Bearer $KEY" \
    -H 'Content-Type: application/json' -d "$2"; }
  for sku in course-basic course-pro coaching-1h ebook membership; do
    api /api/v1/products "{\"sku\":\"$sku\",\"name\":\"$sku\",\"price\":\"99.00\",\"currency\":\"USD\"}" >/dev/null
  done
  api /api/v1/programs '{"name":"Launch","tiers":2,"currency":"USD","landingUrl":"https://shop.example.com","firstTierRate":{"type":"percent","value":"10"},"secondTierRate":{"type":"percent","value":"5"},"cookieDays":30,"approvalDelayDays":null,"minimumPayout":"0.00"}' >/dev/null
  api /api/v1/partners '{"email":"parent@young.example","firstName":"Pat","lastName":"Parent","program":"Launch","code":"launchparent"}' >/dev/null
  api /api/v1/partners '{"email":"first@young.example","firstName":"Fay","lastName":"First","program":"Launch","code":"launchfirst","parentCode":"launchparent"}' >/dev/null
  for i in $(seq 1 40); do
    api /api/v1/orders "{\"orderId\":\"young-$i\",\"email\":\"young-$i@buyers.example\",\"referral\":\"launchfirst\",\"currency\":\"USD\",\"items\":[{\"sku\":\"ebook\",\"quantity\":1,\"unitPrice\":\"99.00\"}]}" >/dev/null
  done
  for i in $(seq 1 10); do api "/api/v1/orders/young-$i/refunds" "{\"refundId\":\"young-refund-$i\"}" >/dev/null; done
  for _ in $(seq 1 20); do curl -s -o /dev/null "http://localhost:$PORT/r/launchfirst"; done
  psql_q "select pg_stat_reset()" >/dev/null
  echo "young database: $(psql_q "select count(*) from contact") contacts, $(psql_q "select count(*) from customer_order") orders, contact analyzed: $(psql_q "select coalesce(greatest(last_analyze, last_autoanalyze)::text, 'never') from pg_stat_user_tables where relname = 'contact'")"
fi
if [ -n "${YOUNG:-}" ]; then CODE=launchfirst; else
  CODE=$(psql_q "select code from partner where status = 'approved' order by id limit 1"); fi
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $("$JAVA" -version 2>&1 | head -1); partner $CODE; $CONNECTIONS connections"

order() { # one order by curl: $1 = order id
  curl -s -o /dev/null -w '%{http_code}' -X POST "http://localhost:$PORT/api/v1/orders" \
    -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
    -d "{\"orderId\":\"$1\",\"email\":\"$1@stmt.example\",\"firstName\":\"S\",\"lastName\":\"T\",\"referral\":\"$CODE\",\"currency\":\"USD\",\"items\":[{\"sku\":\"course-basic\",\"quantity\":1,\"unitPrice\":\"99.00\"}]}"
}

if [ "$WARMUP" != 0 ]; then
  echo "--- warm-up ($WARMUP)"
  wrk -t2 -c"$CONNECTIONS" -d"$WARMUP" -s bench/orders.lua "http://localhost:$PORT" -- "$KEY" "$CODE" warm | grep '^orders'
fi

if [ -n "${STATEMENTS:-}" ]; then
  # The app was started with SQL debug logging (Hibernate, JdbcTemplate, transactions): count what one order runs.
  N=50
  BEFORE=$(wc -l < "$DATA/app.log")
  for i in $(seq 1 $N); do order "stmt-$i-$RANDOM" >/dev/null; done
  sleep 1
  tail -n +$((BEFORE + 1)) "$DATA/app.log" > "$DATA/stmts.log"
  SQL='Executing prepared SQL statement|Executing SQL statement'
  TX='Creating new transaction|Committing JDBC transaction|Committing JPA transaction|Initiating transaction commit'
  echo "per new order ($N orders one at a time): $(awk "BEGIN{printf \"%.1f\", $(grep -Ec "$SQL" "$DATA/stmts.log") / $N}") SQL statements, $(awk "BEGIN{printf \"%.1f\", $(grep -Ec 'Creating new transaction' "$DATA/stmts.log") / $N}") transactions"
  echo "the last order's statements:"
  grep -E "$SQL|Creating new transaction|Initiating transaction commit" "$DATA/stmts.log" | sed -E 's/^.*(JdbcTemplate|TransactionManager)[^:]*: *//' \
    | tr -s ' ' | cut -c1-160 | awk '/Creating new transaction/{buf=""} {buf=buf $0 "\n"} END{printf "%s", buf}'
  exit 0
fi

JDKBIN="$(dirname "$(readlink -f "$(command -v "$JAVA")")")"
# Recording starts after the warm-up, so start-up and JIT compilation stay out of the profile.
[ -n "${JFR:-}" ] && "$JDKBIN/jcmd" $APP JFR.start name=orders settings=profile >/dev/null
for run in $(seq 1 "$RUNS"); do
  OB=$(psql_q "select count(*) from customer_order")
  J0=$(proc_ticks $APP); P0=$(pg_ticks "$DATA/pg")
  OUT=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" -s bench/orders.lua "http://localhost:$PORT" -- "$KEY" "$CODE" "run$run" | grep '^orders')
  OA=$(psql_q "select count(*) from customer_order")
  J1=$(proc_ticks $APP); P1=$(pg_ticks "$DATA/pg")
  ANSWERED=$(echo "$OUT" | sed -E 's/.*answered: ([0-9]+).*/\1/')
  echo "run $run ($DURATION): $OUT; stored $((OA - OB)) (≥ answered: $([ $((OA - OB)) -ge "$ANSWERED" ] && echo yes || echo NO)); load $(cut -d' ' -f1 /proc/loadavg)"
  echo "  CPU per stored order: JVM $(per $((J1 - J0)) $((OA - OB))) ms, PostgreSQL $(per $((P1 - P0)) $((OA - OB))) ms"
done
if [ -n "${YOUNG:-}" ]; then
  echo "contact: $(psql_q "select seq_scan || ' full scans reading ' || seq_tup_read || ' rows, ' || idx_scan || ' index scans, first analyzed ' || coalesce(least(last_analyze, last_autoanalyze)::text, 'never') from pg_stat_user_tables where relname = 'contact'")"
fi
echo "commissions of bench orders: $(psql_q "select count(*) from commission c join customer_order o on o.id = c.order_id where o.order_id like 'bench-%'") on $(psql_q "select count(*) from customer_order where order_id like 'bench-%'") orders"

if [ -n "${JFR:-}" ]; then
  "$JDKBIN/jcmd" $APP JFR.stop name=orders filename="$DATA/orders.jfr" >/dev/null
  "$JDKBIN/jfr" print --stack-depth 64 --events jdk.ExecutionSample "$DATA/orders.jfr" > "$DATA/samples.txt" || true
  python3 bench/jfr-summary.py "${JFR_TOP:-30}" < "$DATA/samples.txt"
  if [ -n "${KEEP_JFR:-}" ]; then cp "$DATA/orders.jfr" "$KEEP_JFR"; cp "$DATA/samples.txt" "$KEEP_JFR.txt"; fi
fi
