-- wrk script: POST /api/v1/orders with a unique orderId per request, referred by a demo partner code.
-- Usage: wrk -t2 -c16 -d20s -s bench/orders.lua http://localhost:8080 -- <api-key> [partner-code] [run-label]
-- Order ids are unique per run (label, or the start time): a second run must not replay the first run's orders.
local counter = 0
local key, code, label
local skus = { "course-basic", "course-pro", "coaching-1h", "ebook", "membership" }

-- Several wrk processes at once (bench/two-instances.sh) need different order ids: WRK_SEED tells them apart.
math.randomseed(os.time() + tonumber(os.getenv("WRK_SEED") or "0"))
local started = tostring(os.time())

function setup(thread)
  thread:set("tid", tostring(math.random(1, 1e9)))
end

function init(args)
  key = args[1] or "bench-key-0123456789"
  code = args[2] or "jane1"
  label = args[3] or started
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Authorization"] = "Bearer " .. key
end

function request()
  counter = counter + 1
  local sku = skus[(counter % #skus) + 1]
  local body = string.format(
    '{"orderId":"bench-%s-%s-%d","email":"buyer-%s-%s-%d@bench.example","firstName":"Bench","lastName":"Buyer",' ..
    '"referral":"%s","currency":"USD","items":[{"sku":"%s","quantity":1,"unitPrice":"99.00"}]}',
    label, tid, counter, label, tid, counter, code, sku)
  return wrk.format(nil, "/api/v1/orders", nil, body)
end

local statuses = {}
function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  io.write(string.format("orders/s: %.1f  p50: %.2f ms  p99: %.2f ms  errors(non-2xx): %d  answered: %d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.status, summary.requests))
end
