#!/usr/bin/env bash
# Leaderboard benchmark: 10k approved partners in one program and 1M commissions (seeded by SQL straight into the
# bench app's embedded PostgreSQL), one rollup field "Bench sales" (sum of commission amounts, not declined) created
# through the API and recomputed in the background; then wrk asks GET /api/v1/leaderboard?...&limit=50&partner=<random
# partner> (top 50 + the partner's own rank) and reports p50/p95/p99. Target: p95 <= 10 ms.
# Needs: wrk, psql, curl. Run from the repository root: bash bench/leaderboard.sh
# PARTNERS, PER_PARTNER, CONNECTIONS, DURATION change the run; PORT/PG_PORT let it run beside another bench.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${PORT:-18080}
PG_PORT=${PG_PORT:-15432}
PARTNERS=${PARTNERS:-10000}
PER_PARTNER=${PER_PARTNER:-100}
CONNECTIONS=${CONNECTIONS:-8}
DURATION=${DURATION:-20s}
KEY=bench-key-0123456789abcdef
DATA=$(mktemp -d /tmp/partnerhub-bench.XXXXXX)
JAR=$(ls target/partnerhub-*.jar 2>/dev/null | head -1 || true)
if [ -z "$JAR" ] || [ -n "${REBUILD:-}" ]; then
  ./mvnw -B -q -DskipTests package
  JAR=$(ls target/partnerhub-*.jar | head -1)
fi

psql_q() { PGPASSWORD=postgres psql -h localhost -p "$PG_PORT" -U postgres -d partnerhub -v ON_ERROR_STOP=1 -tA -c "$1"; }

java ${JAVA_OPTS:-} -jar "$JAR" --server.port="$PORT" --partnerhub.database.embedded.data-dir="$DATA/pg" \
  --partnerhub.database.embedded.port="$PG_PORT" --partnerhub.bootstrap.api-key="$KEY" \
  --partnerhub.demo.enabled=false > "$DATA/app.log" 2>&1 &
APP=$!
if [ -z "${KEEP:-}" ]; then trap 'kill $APP 2>/dev/null; wait $APP 2>/dev/null; rm -rf "$DATA"' EXIT; else echo "app pid $APP, data $DATA (KEEP: left running)"; fi
for _ in $(seq 1 180); do grep -q "Partnerhub is running" "$DATA/app.log" && break; sleep 1; done
grep -q "Partnerhub is running" "$DATA/app.log" || { tail -50 "$DATA/app.log"; exit 1; }
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $(java -version 2>&1 | head -1)"

N=$((PARTNERS * PER_PARTNER))
echo "--- seeding $PARTNERS partners and $N commissions"
SEED_START=$(date +%s.%N)
psql_q "
insert into program (name, landing_url, currency, first_tier_rate_type, first_tier_rate_value, minimum_payout)
values ('Bench leaderboard', 'https://bench.example.com', 'USD', 'percent', 10, 50);
insert into product (sku, name, price, currency) values ('BENCH-LB', 'Bench product', 100, 'USD');
insert into contact (email, first_name, last_name)
select 'bench-lb-' || g || '@example.com', 'Bench', 'Partner ' || g from generate_series(1, $PARTNERS) g;
insert into contact (email, first_name, last_name) values ('bench-lb-buyer@example.com', 'Bench', 'Buyer');
insert into partner (contact_id, program_id, code, status, payout_email, approved_at)
select c.id, (select id from program where name = 'Bench leaderboard'), 'blb-' || c.id, 'approved',
       'paypal-' || c.id || '@example.com', now()
from contact c where c.email like 'bench-lb-%' and c.email <> 'bench-lb-buyer@example.com';
insert into customer_order (order_id, contact_id, currency, status, occurred_at, total, request_hash)
select 'bench-lb-' || g, (select id from contact where email = 'bench-lb-buyer@example.com'), 'USD',
       'completed', now() - make_interval(days => g), 100, md5(g::text) from generate_series(1, $PER_PARTNER) g;
insert into order_item (order_id, line_no, product_id, sku, quantity, unit_price, line_net)
select o.id, 1, (select id from product where sku = 'BENCH-LB'), 'BENCH-LB', 1, 100, 100
from customer_order o where o.order_id like 'bench-lb-%';
insert into commission (partner_id, contact_id, order_id, order_item_id, product_id, sku, tier, base_amount,
                        original_amount, amount, currency, status, transaction_date, approved_at)
select p.id, o.contact_id, o.id, i.id, i.product_id, i.sku, 1, 100, a.amount, a.amount, 'USD',
       (array['pending', 'approved', 'approved', 'declined'])[1 + (p.id + o.id) % 4], o.occurred_at, now()
from partner p join program g on g.id = p.program_id and g.name = 'Bench leaderboard'
cross join customer_order o join order_item i on i.order_id = o.id
cross join lateral (select round((1 + (p.id * 7 + o.id * 13) % 1900 / 100.0)::numeric, 2) as amount) a
where o.order_id like 'bench-lb-%';
analyze;" >/dev/null
echo "seeded $(psql_q "select count(*) from partner") partners, $(psql_q "select count(*) from commission") commissions in $(awk "BEGIN{printf \"%.1f\", $(date +%s.%N) - $SEED_START}") s"

echo "--- rollup field 'Bench sales' (POST /api/v1/rollup-fields) and its background recompute"
REC_START=$(date +%s.%N)
CODE=$(curl -s -o "$DATA/rollup.json" -w '%{http_code}' -X POST "http://localhost:$PORT/api/v1/rollup-fields" \
  -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
  -d '{"name": "Bench sales", "function": "sum", "relationship": "commissions_earned", "field": "amount",
       "filter": {"match": "all", "conditions": [{"field": "status", "op": "ne", "value": "declined"}]}}')
[ "$CODE" = 201 ] || { echo "rollup create answered $CODE"; cat "$DATA/rollup.json"; exit 1; }
for _ in $(seq 1 600); do
  [ "$(psql_q "select j.status from rollup_field f join job j on j.id = f.recompute_job_id where f.name = 'Bench sales'")" = done ] && break; sleep 0.5
done
# the seed's dirty marks (10k partners) are drained by the refresher about every second
for _ in $(seq 1 600); do [ "$(psql_q "select count(*) from rollup_dirty")" = 0 ] && break; sleep 0.5; done
psql_q "analyze rollup_value" >/dev/null
echo "recomputed $(psql_q "select count(*) from rollup_value v join rollup_field f on f.id = v.rollup_field_id where f.name = 'Bench sales'") values in $(awk "BEGIN{printf \"%.1f\", $(date +%s.%N) - $REC_START}") s"
echo "check: stored = fresh aggregate for every partner: $(psql_q "
  select count(*) = 0 from partner p
  left join rollup_value v on v.contact_id = p.contact_id and v.rollup_field_id = (select id from rollup_field where name = 'Bench sales')
  left join (select partner_id, sum(amount) s from commission where status <> 'declined' group by partner_id) a on a.partner_id = p.id
  where v.value is distinct from coalesce(a.s, 0)")"

FIRST=$(psql_q "select min(c.id) from contact c join partner p on p.contact_id = c.id where p.code like 'blb-%'")
LAST_CODE="blb-$((FIRST + PARTNERS - 1))"
echo "--- one request (partner $LAST_CODE, ranked last or near it)"
curl -s -H "Authorization: Bearer $KEY" \
  "http://localhost:$PORT/api/v1/leaderboard?rollup=Bench%20sales&program=Bench%20leaderboard&limit=3&partner=$LAST_CODE"
echo

echo "--- warm-up"
wrk -t2 -c"$CONNECTIONS" -d10s -s bench/leaderboard.lua "http://localhost:$PORT" -- "$KEY" "$FIRST" "$PARTNERS" 50 >/dev/null
echo "--- top 50 + own rank, $CONNECTIONS connections, $DURATION (load $(cut -d' ' -f1-3 /proc/loadavg))"
wrk -t2 -c"$CONNECTIONS" -d"$DURATION" -s bench/leaderboard.lua "http://localhost:$PORT" -- "$KEY" "$FIRST" "$PARTNERS" 50 | grep '^leaderboard'
echo "--- same with 1 connection (latency without queueing)"
wrk -t1 -c1 -d"$DURATION" -s bench/leaderboard.lua "http://localhost:$PORT" -- "$KEY" "$FIRST" "$PARTNERS" 50 | grep '^leaderboard'
echo "--- baseline on the same app and machine: plain GET /ping, 1 connection (what the load costs any request)"
wrk -t1 -c1 -d"$DURATION" -s bench/flat-out.lua "http://localhost:$PORT" -- /ping | grep '^flat-out'
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

if [ -n "${EXPLAIN:-}" ]; then
  F=$(psql_q "select id from rollup_field where name = 'Bench sales'"); G=$(psql_q "select id from program where name = 'Bench leaderboard'")
  PGPASSWORD=postgres psql -h localhost -p "$PG_PORT" -U postgres -d partnerhub -c "explain (analyze, buffers)
    select max(computed_at) from rollup_value where rollup_field_id = $F" -c "explain (analyze, buffers)
    select p.id, p.code, rv.contact_id, c.first_name, c.last_name, rv.value from rollup_value rv
    join partner p on p.contact_id = rv.contact_id and p.program_id = $G and p.status = 'approved'
    join contact c on c.id = rv.contact_id where rv.rollup_field_id = $F and rv.value is not null
    order by rv.value desc, rv.contact_id"
fi
