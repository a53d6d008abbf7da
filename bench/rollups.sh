#!/usr/bin/env bash
# Rollups at scale: seeds PARTNERS partners (default 10,000) with PER_PARTNER commissions each (default 100 → 1M) by
# SQL (generate_series) into a fresh embedded database of the packaged app, then measures:
#   1. seeding 1M commissions with the rollup triggers on (one dirty mark per partner per statement);
#   2. a full recompute of one rollup field for every partner (POST /api/v1/rollup-fields → recompute done);
#   3. the set-based recompute of ONE partner (the refresher's statement) and the on-read aggregate of one partner;
#   4. GET /api/v1/partners/{code}/rollups latency (on read, every definition);
#   5. bulk-approving 100k commissions with and without the rollup triggers, and draining the dirty partners after;
#   6. top 50 + one partner's rank from rollup_value (what leaderboards read).
# Needs psql and curl. Run from the repository root: bash bench/rollups.sh   (PORT=18080 PG_PORT=15432)
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${PORT:-18080}
PG_PORT=${PG_PORT:-15432}
PARTNERS=${PARTNERS:-10000}
PER_PARTNER=${PER_PARTNER:-100}
KEY=bench-key-0123456789abcdef
DATA=$(mktemp -d /tmp/partnerhub-bench-rollups.XXXXXX)
JAR=$(ls target/partnerhub-*.jar 2>/dev/null | head -1 || true)
if [ -z "$JAR" ] || [ -n "${REBUILD:-}" ]; then
  ./mvnw -B -q -DskipTests package
  JAR=$(ls target/partnerhub-*.jar | head -1)
fi

psql_q() { PGPASSWORD=postgres psql -h localhost -p "$PG_PORT" -U postgres -d partnerhub -v ON_ERROR_STOP=1 -tA -c "$1"; }
now_ms() { date +%s%3N; }
timed() { local t0; t0=$(now_ms); "$@" >/dev/null; echo $(( $(now_ms) - t0 )); }

java ${JAVA_OPTS:-} -jar "$JAR" --server.port="$PORT" --partnerhub.database.embedded.data-dir="$DATA/pg" \
  --partnerhub.database.embedded.port="$PG_PORT" --partnerhub.bootstrap.api-key="$KEY" \
  --partnerhub.demo.enabled=false > "$DATA/app.log" 2>&1 &
APP=$!
trap 'set +e; kill $APP 2>/dev/null; wait $APP 2>/dev/null; rm -rf "$DATA"' EXIT
for _ in $(seq 1 400); do curl -fs "http://localhost:$PORT/ping" >/dev/null 2>&1 && break; sleep 1; done
curl -fs "http://localhost:$PORT/ping" >/dev/null || { tail -50 "$DATA/app.log"; exit 1; }
for _ in $(seq 1 60); do
  curl -fs -H "Authorization: Bearer $KEY" "http://localhost:$PORT/api/v1/rollup-fields" >/dev/null 2>&1 && break
  sleep 1
done
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $(java -version 2>&1 | head -1)"
api() {
  local code
  code=$(curl -s -o "$DATA/api.json" -w '%{http_code}' -X "$1" -H "Authorization: Bearer $KEY" \
    -H 'Content-Type: application/json' -d "$3" "http://localhost:$PORT$2")
  case "$code" in 2*) ;; *) echo "$1 $2 → $code $(cat "$DATA/api.json")"; exit 1 ;; esac
}
api POST /api/v1/products '{"sku": "RB-1", "name": "Bench", "price": "10.00", "currency": "USD"}'
api POST /api/v1/programs '{"name": "Rollup bench", "tiers": 1, "currency": "USD", "landingUrl": "https://shop.example.com",
  "firstTierRate": {"type": "percent", "value": "10"}, "secondTierRate": {"type": "percent", "value": "0"},
  "cookieDays": 30, "approvalDelayDays": null, "minimumPayout": "0.00"}'

echo "--- seeding $PARTNERS partners × $PER_PARTNER commissions (statuses and dates spread over two years)"
T=$(timed psql_q "
insert into contact (email, first_name, last_name) select 'rb-' || g || '@partners.example.com', 'Bench', 'P' || g
from generate_series(1, $PARTNERS) g;
insert into partner (contact_id, program_id, code, payout_email)
select c.id, (select id from program where name = 'Rollup bench'), 'rb' || substr(c.email, 4, position('@' in c.email) - 4),
       c.email from contact c where c.email like 'rb-%@partners.example.com';
insert into contact (email, first_name, last_name) values ('rb-buyer@customers.example.com', 'Bench', 'Buyer');")
echo "partners: $T ms"
T=$(timed psql_q "
insert into customer_order (order_id, contact_id, currency, status, occurred_at, total, request_hash, referrer_id)
select 'rb-' || p.id, (select id from contact where email = 'rb-buyer@customers.example.com'), 'USD', 'completed',
       now(), 0, repeat('0', 64), p.id from partner p;
insert into order_item (order_id, line_no, product_id, sku, quantity, unit_price, line_net)
select o.id, g, (select id from product where sku = 'RB-1'), 'RB-1', 1, 10.00, 10.00
from customer_order o, generate_series(1, $PER_PARTNER) g where o.order_id like 'rb-%';")
echo "orders and items: $T ms"
T=$(timed psql_q "
insert into commission (partner_id, contact_id, order_id, order_item_id, product_id, sku, tier, base_amount,
                        original_amount, amount, currency, status, transaction_date, reason, paid_at)
select o.referrer_id, o.contact_id, o.id, i.id, i.product_id, i.sku, 1, 10.00, a.amount, a.amount, 'USD', s.status,
       now() - (random() * interval '730 days'), 'bench', case when s.status = 'paid' then now() end
from customer_order o join order_item i on i.order_id = o.id
cross join lateral (select round((1 + random() * 99)::numeric, 2) as amount) a
cross join lateral (select (array['pending','pending','pending','pending','approved','approved','approved','paid','paid','declined'])[1 + (i.id % 10)] as status) s
where o.order_id like 'rb-%';")
echo "1M commissions insert (triggers on): $T ms; dirty marks: $(psql_q "select count(*) from rollup_dirty")"
psql_q "vacuum analyze" >/dev/null
for _ in $(seq 1 120); do [ "$(psql_q "select count(*) from rollup_dirty")" = "0" ] && break; sleep 1; done
echo "commissions: $(psql_q "select count(*) from commission"), partners: $(psql_q "select count(*) from partner")"

echo "--- 2. full recompute of one rollup for every partner (create through the API, wait until done)"
full() {
  local t0 id
  t0=$(now_ms)
  api POST /api/v1/rollup-fields "$1"
  id=$(sed -E 's/^\{"id":([0-9]+).*/\1/' "$DATA/api.json")
  for _ in $(seq 1 600); do
    [ "$(psql_q "select j.status from rollup_field f join job j on j.id = f.recompute_job_id where f.id = $id")" = "done" ] && break; sleep 0.1
  done
  echo "$2: $(( $(now_ms) - t0 )) ms for $(psql_q "select count(*) from rollup_value where rollup_field_id = $id") values"
}
full '{"name": "Approved commissions", "function": "sum", "relationship": "commissions_earned", "field": "amount",
  "filter": {"match": "all", "conditions": [{"field": "status", "op": "eq", "value": "approved"}]}}' "sum approved"
full '{"name": "Approved and paid last year", "function": "sum", "relationship": "commissions_earned", "field": "amount",
  "filter": {"match": "all", "conditions": [{"match": "any", "conditions": [{"field": "status", "op": "eq", "value": "approved"},
  {"field": "status", "op": "eq", "value": "paid"}]}, {"field": "dateProcessed", "op": "within_last_days", "value": 365}]}}' \
  "sum approved|paid within 365 days"
full '{"name": "Sales", "function": "count", "relationship": "commissions_earned"}' "count all"
PID=$(psql_q "select id from partner order by id limit 1 offset 4321")
CODE=$(psql_q "select code from partner where id = $PID")

echo "--- 3. one partner: the refresher's upsert statement, and the on-read aggregate (psql, best of 5)"
best() { local b=999999 t; for _ in 1 2 3 4 5; do t=$(timed psql_q "$1"); [ "$t" -lt "$b" ] && b=$t; done; echo "$b"; }
echo "upsert one partner (server execution time):"
psql_q "explain (analyze) with agg as (select t.partner_id as owner, sum(t.amount) as v from commission t
  where t.partner_id = any(array[$PID]::bigint[]) and t.status = 'approved' group by t.partner_id)
  insert into rollup_value as rv (rollup_field_id, contact_id, value) select (select id from rollup_field where name = 'Approved commissions'),
  p.contact_id, coalesce(a.v, 0) from partner p left join agg a on a.owner = p.id where p.id = any(array[$PID]::bigint[])
  on conflict (rollup_field_id, contact_id) do update set value = excluded.value where rv.value is distinct from excluded.value" | grep -E "Execution Time"
echo "on-read aggregate one partner (server execution time):"
psql_q "explain (analyze, buffers off) select coalesce(sum(amount), 0) from commission where partner_id = $PID and status = 'approved'" | grep -E "Execution Time"

echo "--- 4. GET /api/v1/partners/$CODE/rollups (3 definitions, on read): 200 requests"
for i in $(seq 1 200); do
  curl -s -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $KEY" "http://localhost:$PORT/api/v1/partners/$CODE/rollups"
done | sort -n > "$DATA/lat.txt"
echo "p50 $(sed -n 100p "$DATA/lat.txt") s, p95 $(sed -n 190p "$DATA/lat.txt") s, max $(tail -1 "$DATA/lat.txt") s"

echo "--- 5. bulk approve 100k pending commissions by SQL, with and without the rollup triggers"
echo "with triggers (EXPLAIN ANALYZE: the statement, and the rollup trigger's share):"
psql_q "explain (analyze) update commission set status = 'approved', approved_at = now()
  where id in (select id from commission where status = 'pending' order by id limit 100000)" | grep -E "Trigger|Execution Time"
echo "dirty marks: $(psql_q "select count(*) from rollup_dirty")"
t0=$(now_ms)
for _ in $(seq 1 600); do [ "$(psql_q "select count(*) from rollup_dirty")" = "0" ] && break; sleep 0.1; done
echo "refresher drained them (3 definitions) in $(( $(now_ms) - t0 )) ms (includes up to 1 s until its next run)"
echo "without the rollup trigger (next 100k pending; rollups and commission totals now stale on purpose, not used further):"
psql_q "alter table commission disable trigger commission_rollups_upd" >/dev/null
psql_q "explain (analyze) update commission set status = 'approved', approved_at = now()
  where id in (select id from commission where status = 'pending' order by id limit 100000)" | grep -E "Trigger|Execution Time"
psql_q "alter table commission enable trigger commission_rollups_upd" >/dev/null

echo "--- 6. leaderboard read: top 50 and one partner's rank of 'Approved commissions' (best of 5)"
RID=$(psql_q "select id from rollup_field where name = 'Approved commissions'")
echo "top 50 (server execution time):"
psql_q "explain (analyze) select contact_id, value from rollup_value where rollup_field_id = $RID order by value desc nulls last, contact_id limit 50" | grep -E "Execution Time"
echo "own rank (server execution time):"
psql_q "explain (analyze) select count(*) + 1 from rollup_value where rollup_field_id = $RID and value > (select value from rollup_value where rollup_field_id = $RID and contact_id = (select contact_id from partner where id = $PID))" | grep -E "Execution Time"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
