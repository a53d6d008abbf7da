#!/usr/bin/env bash
# The console dashboard (/admin) at 1M commissions: p95 per period and program.
# Reuses bench/partner-center.sh's seeding (10k partners, 1M commissions over a year, 200k clicks, 100k referred
# contacts; SEED_ONLY=1 KEEP=1 leaves its app running), then logs in as the printed bootstrap admin and runs wrk
# against the dashboard. Needs wrk, curl, psql. Run from the repository root:
#   bash bench/dashboard.sh            # or: PORT=18094 PG_PORT=15444 bash bench/dashboard.sh
# A quick check on a small data set (not a measurement):
#   PARTNERS=30 PER_PARTNER=5 DURATION=1s CONNECTIONS=2 WARMUP=0 bash bench/dashboard.sh
set -euo pipefail
cd "$(dirname "$0")/.."

export PORT=${PORT:-18080} PG_PORT=${PG_PORT:-15432}
DURATION=${DURATION:-10s}
# wrk drops a request slower than its timeout (default 2 s) from the latencies: a slow page must show as slow
TIMEOUT=${TIMEOUT:-30s}
CONNECTIONS=${CONNECTIONS:-4}
OUT=$(SEED_ONLY=1 KEEP=1 bash bench/partner-center.sh)
echo "$OUT"
APP=$(echo "$OUT" | sed -n 's/^seeded: app pid \([0-9]*\),.*/\1/p')
DATA=$(echo "$OUT" | sed -n 's/^seeded: .*, data \([^,]*\),.*/\1/p')
[ -n "$APP" ] && [ -n "$DATA" ] || { echo "seeding did not leave an app running"; exit 1; }
# the app is not this shell's child (no wait): poll until it has stopped its database, then remove the data
trap 'kill $APP 2>/dev/null || true; for _ in $(seq 1 60); do kill -0 $APP 2>/dev/null || break; sleep 1; done; rm -rf "$DATA"' EXIT
psql_q() { PGPASSWORD=postgres psql -h localhost -p "$PG_PORT" -U postgres -d partnerhub -v ON_ERROR_STOP=1 -tA -c "$1"; }
PROGRAM=$(psql_q "select id from program where name = 'Bench center'")

# The seeding's SQL inserts left one delta row per day, partner and status for the commission totals
# (docs/architecture.md, "Commission totals"); the app folds them every 10 s. Measure after the fold, and say how long
# it took (the views are exact before it too, only slower to read).
FOLD_START=$(date +%s.%N)
for _ in $(seq 1 300); do
  [ "$(psql_q "select count(*) from commission_total_delta")" -lt 1000 ] && break; sleep 1
done
echo "commission totals folded $(awk "BEGIN{printf \"%.0f\", $(date +%s.%N) - $FOLD_START}") s after seeding; $(psql_q "select count(*) from commission_total_delta") deltas left"

echo "--- log in as the bootstrap admin (printed at start-up)"
ADMIN=$(grep -o 'Admin: *[^ ]*@[^ ]* / [^ ]*' "$DATA/app.log" | head -1 | sed 's/Admin: *//')
EMAIL=${ADMIN%% / *}; PASSWORD=${ADMIN##* / }
[ -n "$EMAIL" ] && [ -n "$PASSWORD" ] || { echo "no admin credentials in the log"; exit 1; }
JAR_COOKIES="$DATA/admin-cookies.txt"
TOKEN=$(curl -fsS -c "$JAR_COOKIES" "http://localhost:$PORT/login" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
curl -fsS -b "$JAR_COOKIES" -c "$JAR_COOKIES" -o /dev/null -w 'login: %{http_code} -> %{redirect_url}\n' \
  --data-urlencode "username=$EMAIL" --data-urlencode "password=$PASSWORD" \
  --data-urlencode "_csrf=$TOKEN" "http://localhost:$PORT/login"
COOKIE=$(awk '$6 == "SESSION" || $6 == "JSESSIONID" {print $6 "=" $7}' "$JAR_COOKIES" | tail -1)
STATUS=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $COOKIE" "http://localhost:$PORT/admin")
[ "$STATUS" = 200 ] || { echo "/admin answered $STATUS after login"; exit 1; }

PAGES=(/ping /admin "/admin?program=$PROGRAM" "/admin?period=last7&program=$PROGRAM" "/admin?period=thisYear"
  "/admin?period=thisYear&program=$PROGRAM&by=day")
echo "--- warm-up"
[ "${WARMUP:-1}" = 0 ] || for p in "${PAGES[@]}"; do wrk -t1 -c1 -d2s --timeout "$TIMEOUT" -s bench/partner-center.lua "http://localhost:$PORT" -- "$p" "$COOKIE" >/dev/null; done
echo "--- pages ($CONNECTIONS connections, $DURATION each; /ping = the same app doing nothing, the machine's floor)"
for p in "${PAGES[@]}"; do
  printf '%-48s ' "$p"
  wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --timeout "$TIMEOUT" -s bench/partner-center.lua "http://localhost:$PORT" -- "$p" "$COOKIE" | grep '^page:'
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
