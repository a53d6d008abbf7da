#!/usr/bin/env bash
# Approve 100k commissions through the bulk path: seed N pending commissions by SQL into a running bench app's
# database, then one POST /api/v1/commissions/approve with all ids (set-based, 5,000 per transaction, one audit row
# per commission). Prints the wall time of that request and checks every commission was approved and audited.
# Target (DESIGN.md): ≤ 5 s for 100k on the 2-core machine, app + database + client together.
# Needs psql and curl. Run from the repository root: bash bench/approve.sh   (N=100000 PORT=18080 PG_PORT=15432)
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${PORT:-18080}
PG_PORT=${PG_PORT:-15432}
N=${N:-100000}
KEY=bench-key-0123456789abcdef
DATA=$(mktemp -d /tmp/partnerhub-bench-approve.XXXXXX)
JAR=${JAR:-$(ls target/partnerhub-*.jar 2>/dev/null | head -1 || true)}
if [ -z "$JAR" ] || [ -n "${REBUILD:-}" ]; then
  ./mvnw -B -q -DskipTests package
  JAR=$(ls target/partnerhub-*.jar | head -1)
fi

psql_q() { PGPASSWORD=postgres psql -h localhost -p "$PG_PORT" -U postgres -d partnerhub -v ON_ERROR_STOP=1 -tA -c "$1"; }

java ${JAVA_OPTS:-} -jar "$JAR" --server.port="$PORT" --partnerhub.database.embedded.data-dir="$DATA/pg" \
  --partnerhub.database.embedded.port="$PG_PORT" --partnerhub.bootstrap.api-key="$KEY" \
  > "$DATA/app.log" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null; wait $APP 2>/dev/null; rm -rf "$DATA"' EXIT
for _ in $(seq 1 120); do curl -fs "http://localhost:$PORT/ping" >/dev/null 2>&1 && break; sleep 1; done
curl -fs "http://localhost:$PORT/ping" >/dev/null || { tail -50 "$DATA/app.log"; exit 1; }
# The bootstrap API key is created right after start-up: wait until it is accepted.
for _ in $(seq 1 60); do
  curl -fs -H "Authorization: Bearer $KEY" "http://localhost:$PORT/api/v1/commissions?size=1" >/dev/null 2>&1 && break
  sleep 1
done
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $(java -version 2>&1 | head -1)"

echo "--- seeding $N pending commissions (one order with $N items, one commission each)"
# A product, a manual-approval program and a partner through the API; then the order, items and commissions by SQL.
TAG=$(date +%s)
api() {
  local code
  code=$(curl -s -o "$DATA/api.json" -w '%{http_code}' -X POST -H "Authorization: Bearer $KEY" \
    -H 'Content-Type: application/json' -d "$2" "http://localhost:$PORT$1")
  case "$code" in 2*) ;; *) echo "POST $1 → $code $(cat "$DATA/api.json")"; exit 1 ;; esac
}
api /api/v1/products "{\"sku\": \"BENCH-$TAG\", \"name\": \"Bench\", \"price\": \"10.00\", \"currency\": \"USD\"}"
api /api/v1/programs "{\"name\": \"Bench $TAG\", \"tiers\": 1, \"currency\": \"USD\", \"landingUrl\": \"https://shop.example.com\",
  \"firstTierRate\": {\"type\": \"percent\", \"value\": \"10\"}, \"secondTierRate\": {\"type\": \"percent\", \"value\": \"0\"},
  \"cookieDays\": 30, \"approvalDelayDays\": null, \"minimumPayout\": \"0.00\"}"
api /api/v1/partners "{\"email\": \"bench-$TAG@partners.example.com\", \"firstName\": \"Bench\", \"lastName\": \"Partner\",
  \"program\": \"Bench $TAG\", \"code\": \"bench$TAG\"}"
psql_q "
with p as (select id, contact_id from partner where code = 'bench$TAG'),
buyer as (insert into contact (email, first_name, last_name)
          values ('bench-buyer-' || extract(epoch from clock_timestamp()) || '@example.com', 'Bench', 'Buyer')
          returning id),
prod as (select id, sku from product where sku = 'BENCH-$TAG'),
o as (insert into customer_order (order_id, contact_id, currency, status, occurred_at, total, request_hash, referrer_id)
      select 'bench-approve-' || extract(epoch from clock_timestamp()), buyer.id, 'USD', 'completed', now(),
             10.00 * $N, repeat('0', 64), p.id from buyer, p
      returning id, contact_id, referrer_id),
items as (insert into order_item (order_id, line_no, product_id, sku, quantity, unit_price, line_net)
          select o.id, g, prod.id, prod.sku, 1, 10.00, 10.00 from o, prod, generate_series(1, $N) g
          returning id, order_id, product_id, sku)
insert into commission (partner_id, contact_id, order_id, order_item_id, product_id, sku, tier, base_amount,
                        original_amount, amount, currency, status, transaction_date, reason)
select o.referrer_id, o.contact_id, i.order_id, i.id, i.product_id, i.sku, 1, 10.00, 1.00, 1.00, 'USD', 'pending',
       now(), 'bench'
from items i join o on o.id = i.order_id" >/dev/null
psql_q "vacuum analyze commission" >/dev/null
psql_q "select json_build_object('ids', json_agg(id order by id)) from commission where reason = 'bench' and status = 'pending'" > "$DATA/ids.json"
echo "pending: $(psql_q "select count(*) from commission where reason = 'bench' and status = 'pending'")"

echo "--- approve all of them: POST /api/v1/commissions/approve with $N ids"
AUDIT_BEFORE=$(psql_q "select count(*) from audit_entry where action = 'commission.approve'")
RESULT=$(curl -s -o "$DATA/response.json" -w '%{http_code} %{time_total}' -X POST \
  -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' --data-binary @"$DATA/ids.json" \
  "http://localhost:$PORT/api/v1/commissions/approve")
echo "approve: HTTP ${RESULT% *}, wall ${RESULT#* } s, response $(head -c 60 "$DATA/response.json")"
echo "approved: $(psql_q "select count(*) from commission where reason = 'bench' and status = 'approved'") of $N;" \
  "audit rows: $(( $(psql_q "select count(*) from audit_entry where action = 'commission.approve'") - AUDIT_BEFORE ))"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
