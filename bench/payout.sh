#!/usr/bin/env bash
# Payout batch benchmark: seeds 100k approved commissions over 5,000 partners (by SQL, straight into the bench app's
# embedded PostgreSQL), then times "create a payout batch" and "mark it paid" through the JSON API, and checks the
# result with independent SQL (every commission paid once, batch total = sum of its commissions).
# Needs: psql, curl, jq. Run from the repository root: bash bench/payout.sh
# PARTNERS and PER_PARTNER change the volume; PORT/PG_PORT let it run beside another bench.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${PORT:-18080}
PG_PORT=${PG_PORT:-15432}
PARTNERS=${PARTNERS:-5000}
PER_PARTNER=${PER_PARTNER:-20}
KEY=bench-key-0123456789abcdef
DATA=$(mktemp -d /tmp/partnerhub-bench.XXXXXX)
JAR=${JAR:-$(ls target/partnerhub-*.jar 2>/dev/null | head -1 || true)}
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
for _ in $(seq 1 120); do curl -fs "http://localhost:$PORT/ping" >/dev/null 2>&1 && break; sleep 1; done
curl -fs "http://localhost:$PORT/ping" >/dev/null || { tail -50 "$DATA/app.log"; exit 1; }
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $(java -version 2>&1 | head -1)"

N=$((PARTNERS * PER_PARTNER))
echo "--- seeding $N approved commissions over $PARTNERS partners (1 % without payout e-mail)"
SEED_START=$(date +%s.%N)
psql_q "
insert into program (name, landing_url, currency, first_tier_rate_type, first_tier_rate_value, minimum_payout)
values ('Bench payouts', 'https://bench.example.com', 'USD', 'percent', 10, 50);
insert into product (sku, name, price, currency) values ('BENCH-PAYOUT', 'Bench product', 100, 'USD');
insert into contact (email, first_name, last_name)
select 'bench-payee-' || g || '@example.com', 'Bench', 'Payee ' || g from generate_series(1, $PARTNERS) g;
insert into contact (email, first_name, last_name) values ('bench-payout-buyer@example.com', 'Bench', 'Buyer');
insert into partner (contact_id, program_id, code, status, payout_email, approved_at)
select c.id, (select id from program where name = 'Bench payouts'), 'bpay-' || c.id, 'approved',
       case when c.id % 100 = 0 then null else 'paypal-' || c.id || '@example.com' end, now()
from contact c where c.email like 'bench-payee-%';
insert into customer_order (order_id, contact_id, currency, status, occurred_at, total, request_hash)
select 'bench-payout-' || g, (select id from contact where email = 'bench-payout-buyer@example.com'), 'USD',
       'completed', now(), 100, md5(g::text) from generate_series(1, $PER_PARTNER) g;
insert into order_item (order_id, line_no, product_id, sku, quantity, unit_price, line_net)
select o.id, 1, (select id from product where sku = 'BENCH-PAYOUT'), 'BENCH-PAYOUT', 1, 100, 100
from customer_order o where o.order_id like 'bench-payout-%';
insert into commission (partner_id, contact_id, order_id, order_item_id, product_id, sku, tier, base_amount,
                        original_amount, amount, currency, status, transaction_date, approved_at)
select p.id, o.contact_id, o.id, i.id, i.product_id, i.sku, 1, 100, a.amount, a.amount, 'USD', 'approved', now(), now()
from partner p join program g on g.id = p.program_id and g.name = 'Bench payouts'
cross join customer_order o join order_item i on i.order_id = o.id
cross join lateral (select round((1 + (p.id * 7 + o.id * 13) % 1900 / 100.0)::numeric, 2) as amount) a
where o.order_id like 'bench-payout-%';
analyze;" >/dev/null
echo "seeded $(psql_q "select count(*) from commission where status = 'approved'") approved commissions in $(awk "BEGIN{printf \"%.1f\", $(date +%s.%N) - $SEED_START}") s"

echo "--- create a payout batch (POST /api/v1/payouts)"
OUT=$(curl -s -o "$DATA/batch.json" -w '%{http_code} %{time_total}' -X POST "http://localhost:$PORT/api/v1/payouts" \
  -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' -d '{"program": "Bench payouts"}')
read -r CODE TIME <<< "$OUT"
[ "$CODE" = 201 ] || { echo "create answered $CODE"; cat "$DATA/batch.json"; exit 1; }
ID=$(jq -r .id "$DATA/batch.json")
echo "payout-create: batch $ID, $(jq '.items | length' "$DATA/batch.json") items, $(jq '.blocked | length' "$DATA/batch.json") blocked, total $(jq -r .total "$DATA/batch.json"): ${TIME} s (target <= 10 s)"

echo "--- PayPal CSV"
OUT=$(curl -s -o "$DATA/paypal.csv" -w '%{http_code} %{time_total}' "http://localhost:$PORT/api/v1/payouts/$ID/paypal.csv" \
  -H "Authorization: Bearer $KEY")
read -r CODE TIME <<< "$OUT"
echo "paypal-csv: $CODE, $(wc -l < "$DATA/paypal.csv") lines: ${TIME} s"

[ -n "${SKIP_PAID:-}" ] && exit 0
echo "--- mark it paid (POST /api/v1/payouts/$ID/paid)"
OUT=$(curl -s -o "$DATA/paid.json" -w '%{http_code} %{time_total}' -X POST "http://localhost:$PORT/api/v1/payouts/$ID/paid" \
  -H "Authorization: Bearer $KEY")
read -r CODE TIME <<< "$OUT"
[ "$CODE" = 200 ] || { echo "paid answered $CODE"; cat "$DATA/paid.json"; exit 1; }
echo "payout-paid: status $(jq -r .status "$DATA/paid.json"): ${TIME} s"

echo "--- checks (independent SQL)"
psql_q "select 'batched commissions: ' || count(*) || ', paid: ' || count(*) filter (where c.status = 'paid' and c.paid_at is not null)
        from payout_item_commission l join payout_item i on i.id = l.item_id join commission c on c.id = l.commission_id
        where i.batch_id = $ID"
psql_q "select 'batch total ' || b.total || ' = items ' || (select sum(amount) from payout_item where batch_id = b.id)
        || ' = commissions ' || (select sum(c.amount) from payout_item_commission l join payout_item i on i.id = l.item_id
        join commission c on c.id = l.commission_id where i.batch_id = b.id) from payout_batch b where b.id = $ID"
psql_q "select 'left approved (blocked partners): ' || count(*) from commission where status = 'approved'"
