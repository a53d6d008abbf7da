#!/usr/bin/env bash
# Partner center pages with 10k partners and 1M commissions: p95 per default page (target <= 30 ms).
# Starts the packaged app on a throw-away embedded PostgreSQL, creates one partner with a login through the API,
# seeds the rest by SQL (generate_series): PARTNERS partners (default 10,000) in one program, PER_PARTNER commissions
# each (default 100 = 1M) spread over a year and over pending/approved/paid, 10 referred contacts and 20 clicks per
# partner, a paid payout item each, 50 tier-2 partners under the bench partner. Then logs in with the form (CSRF
# token and session cookie via curl) and runs wrk against every default page.
# Needs wrk, curl, psql (apt-get install -y wrk postgresql-client). Run from the repository root:
#   bash bench/partner-center.sh            # or: PORT=18090 PG_PORT=15440 bash bench/partner-center.sh
# SEED_ONLY=1 KEEP=1: seed, print "seeded: app pid …, data …" and leave the app running (bench/dashboard.sh).
# A quick check of the seeding on a small data set (not a measurement):
#   PARTNERS=30 PER_PARTNER=5 DURATION=1s CONNECTIONS=2 WARMUP=0 bash bench/partner-center.sh
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${PORT:-18080}
PG_PORT=${PG_PORT:-15432}
PARTNERS=${PARTNERS:-10000}
PER_PARTNER=${PER_PARTNER:-100}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-4}
KEY=bench-key-0123456789abcdef
DATA=$(mktemp -d /tmp/partnerhub-bench-pc.XXXXXX)
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

api() { curl -fsS -X POST "http://localhost:$PORT$1" -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' -d "$2" >/dev/null; }
api /api/v1/programs '{"name": "Bench center", "tiers": 2, "currency": "USD", "landingUrl": "https://bench.example.com",
  "firstTierRate": {"type": "percent", "value": "10"}, "secondTierRate": {"type": "percent", "value": "5"},
  "cookieDays": 30, "minimumPayout": "0.00"}'
api /api/v1/partners '{"email": "bench-partner@example.com", "firstName": "Bench", "lastName": "Partner",
  "program": "Bench center", "code": "benchpc", "password": "bench-password-1", "payoutEmail": "bench@paypal.example.com"}'

N=$((PARTNERS * PER_PARTNER))
echo "--- seeding $PARTNERS partners, $N commissions"
SEED_START=$(date +%s.%N)
psql_q "
insert into product (sku, name, price, currency) select 'BENCH-PC-' || g, 'Bench product ' || g, 100, 'USD' from generate_series(1, 5) g;
insert into promo_tool (program_id, kind, name, landing_url)
select (select id from program where name = 'Bench center'), 'link', 'Bench link ' || g, 'https://bench.example.com/' || g
from generate_series(1, 5) g;
insert into contact (email, first_name, last_name)
select 'bench-pc-' || g || '@example.com', 'Bench', 'Partner ' || g from generate_series(2, $PARTNERS) g;
insert into partner (contact_id, program_id, code, status, payout_email, approved_at, created_at)
select c.id, (select id from program where name = 'Bench center'), 'bpc-' || c.id, 'approved',
       'paypal-' || c.id || '@example.com', now(), now() - (c.id % 700) * interval '1 day'
from contact c where c.email like 'bench-pc-%';
-- 50 tier-2 partners under the bench partner
update partner set parent_id = (select id from partner where code = 'benchpc')
where id in (select id from partner where code like 'bpc-%' order by id limit 50);
-- 10 referred contacts per partner (first = last referrer), added over the last year
insert into contact (email, first_name, last_name, date_added, first_referrer_id, first_referred_at, last_referrer_id, last_referred_at)
select 'buyer-' || p.id || '-' || g || '@customers.example.com', 'Buyer', 'No ' || g,
       now() - ((p.id + g * 37) % 365) * interval '1 day', p.id, now(), p.id, now()
from partner p cross join generate_series(1, 10) g where p.program_id = (select id from program where name = 'Bench center');
insert into customer_order (order_id, contact_id, currency, status, recurring, occurred_at, total, request_hash)
select 'bench-pc-' || g, (select min(id) from contact where email like 'buyer-%'), 'USD',
       case when g % 10 = 0 then 'open' else 'completed' end, g % 10 = 0, now(), 100, md5(g::text)
from generate_series(1, $PER_PARTNER) g;
insert into order_item (order_id, line_no, product_id, sku, quantity, unit_price, line_net)
select o.id, 1, (select min(id) from product where sku like 'BENCH-PC-%') + (o.id % 5), 'BENCH-PC-1', 1, 100, 100
from customer_order o where o.order_id like 'bench-pc-%';
insert into commission (partner_id, contact_id, order_id, order_item_id, product_id, sku, tier, base_amount,
                        original_amount, amount, currency, status, transaction_date, approved_at, paid_at)
select p.id, o.contact_id, o.id, i.id, i.product_id, i.sku, 1, 100, 10, 10, 'USD', s.status,
       now() - ((p.id * 7 + o.id * 13) % 365) * interval '1 day' - (o.id % 24) * interval '1 hour',
       case when s.status <> 'pending' then now() end, case when s.status = 'paid' then now() - (o.id % 300) * interval '1 day' end
from partner p cross join customer_order o join order_item i on i.order_id = o.id
cross join lateral (select case (p.id + o.id) % 3 when 0 then 'pending' when 1 then 'approved' else 'paid' end as status) s
where p.program_id = (select id from program where name = 'Bench center') and o.order_id like 'bench-pc-%';
update customer_order set referrer_id = (select id from partner where code = 'benchpc') where order_id like 'bench-pc-%' and status = 'open';
insert into click (token, partner_id, program_id, promo_tool_id, sub_id, clicked_at, landing_url)
select 'bench-' || p.id || '-' || g, p.id, p.program_id,
       case when g % 3 = 0 then null else (select min(id) from promo_tool) + g % 5 end, 'sub' || (g % 4),
       now() - ((p.id + g * 17) % 365) * interval '1 day', 'https://bench.example.com'
from partner p cross join generate_series(1, 20) g where p.program_id = (select id from program where name = 'Bench center');
insert into payout_batch (status, total, item_count, created_by, paid_at) values ('paid', 0, 0, 'bench', now());
insert into payout_item (batch_id, partner_id, payout_email, amount, currency, commission_count, status, paid_at)
select (select max(id) from payout_batch), p.id, p.payout_email, 100, 'USD', 10, 'paid', now()
from partner p where p.program_id = (select id from program where name = 'Bench center');
-- a builder page with five data blocks (docs/partner-center.md, section The builder). No double quotes in this
-- SQL except escaped ones: an unescaped one ends the shell string and psql would silently get only the part before.
insert into pc_page (title, slug, nav_order, program_ids, published)
values ('Bench builder', 'bench-builder', 1, array[(select id from program where name = 'Bench center')], true);
insert into pc_block (page_id, position, type, config)
select (select id from pc_page where slug = 'bench-builder'), b.pos, b.type, b.config::jsonb
from (values
  (1, 'stat', '{\"figure\": \"pending\", \"label\": \"\"}'),
  (2, 'list', '{\"source\": \"commissions_earned\", \"title\": \"\", \"pageSize\": \"20\", \"sort\": \"dateProcessed\", \"direction\": \"desc\", \"columns\": \"dateProcessed,product,amount,status\", \"filter\": \"{\\\"match\\\":\\\"all\\\",\\\"conditions\\\":[{\\\"field\\\":\\\"dateProcessed\\\",\\\"op\\\":\\\"within_last_days\\\",\\\"value\\\":\\\"30\\\"}]}\"}'),
  (3, 'list', '{\"source\": \"referred_contacts_first\", \"title\": \"\", \"pageSize\": \"20\", \"sort\": \"dateAdded\", \"direction\": \"desc\", \"columns\": \"name,dateAdded\"}'),
  (4, 'chart', '{\"days\": \"30\", \"title\": \"\"}'),
  (5, 'promo_tools', '{\"title\": \"\"}')) as b(pos, type, config);
analyze;" >/dev/null
echo "seeded $(psql_q "select count(*) from partner") partners, $(psql_q "select count(*) from commission") commissions, $(psql_q "select count(*) from click") clicks in $(awk "BEGIN{printf \"%.0f\", $(date +%s.%N) - $SEED_START}") s"
echo "bench partner: $(psql_q "select count(*) from commission where partner_id = (select id from partner where code = 'benchpc')") commissions"
BLOCKS=$(psql_q "select count(*) from pc_block b join pc_page p on p.id = b.page_id where p.slug = 'bench-builder'")
[ "$BLOCKS" = 5 ] || { echo "the builder page was not seeded ($BLOCKS blocks)"; exit 1; }

# bench/dashboard.sh reuses this seeding: it stops here and leaves the app running (with KEEP=1).
if [ -n "${SEED_ONLY:-}" ]; then echo "seeded: app pid $APP, data $DATA, port $PORT"; exit 0; fi

echo "--- log in (form login with CSRF)"
JAR_COOKIES="$DATA/cookies.txt"
TOKEN=$(curl -fsS -c "$JAR_COOKIES" "http://localhost:$PORT/login" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
curl -fsS -b "$JAR_COOKIES" -c "$JAR_COOKIES" -o /dev/null -w 'login: %{http_code} -> %{redirect_url}\n' \
  --data-urlencode "username=bench-partner@example.com" --data-urlencode "password=bench-password-1" \
  --data-urlencode "_csrf=$TOKEN" "http://localhost:$PORT/login"
# Spring Session JDBC names its cookie SESSION (JSESSIONID when the container keeps sessions).
COOKIE=$(awk '$6 == "SESSION" || $6 == "JSESSIONID" {print $6 "=" $7}' "$JAR_COOKIES" | tail -1)
STATUS=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $COOKIE" "http://localhost:$PORT/partner")
[ "$STATUS" = 200 ] || { echo "/partner answered $STATUS after login"; exit 1; }
STATUS=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $COOKIE" "http://localhost:$PORT/partner/pages/bench-builder")
[ "$STATUS" = 200 ] || { echo "/partner/pages/bench-builder answered $STATUS"; exit 1; }

PAGES=(/ping /partner "/partner?days=90" /partner/referrals "/partner/referrals?by=first" /partner/commissions
  "/partner/commissions?tab=history" "/partner/commissions?tab=product" "/partner/commissions?tab=open"
  /partner/earnings "/partner/earnings?tab=refunds" "/partner/earnings?tab=payments" /partner/reports
  "/partner/reports?group=sub" /partner/promo-tools /partner/network /partner/settings
  /partner/contests /partner/pages/bench-builder)
echo "--- warm-up"
[ "${WARMUP:-1}" = 0 ] || for p in "${PAGES[@]}"; do wrk -t1 -c1 -d2s -s bench/partner-center.lua "http://localhost:$PORT" -- "$p" "$COOKIE" >/dev/null; done
echo "--- pages ($CONNECTIONS connections, $DURATION each; target p95 <= 30 ms; /ping = the same app doing nothing, the machine's floor)"
for p in "${PAGES[@]}"; do
  printf '%-36s ' "$p"
  wrk -t2 -c"$CONNECTIONS" -d"$DURATION" -s bench/partner-center.lua "http://localhost:$PORT" -- "$p" "$COOKIE" | grep '^page:'
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
