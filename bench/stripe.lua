-- wrk script: POST /webhooks/stripe with pre-signed events (bench/stripe-events.py), each thread its own share of
-- the file's lines in order; after the last one a thread starts again (replays: applied once, answered 200 again).
-- Usage: wrk -t2 -c16 -d30s -s bench/stripe.lua http://localhost:8080 -- <events-file>
local threads = {}
local counter = 0
local events = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("index", #threads)
end

function init(args)
  local file = args[1]
  local i = 0
  for line in io.lines(file) do
    -- threads are set up before init runs; two threads split the lines by parity (wrk -t2)
    if (i % 2) == ((index or 1) - 1) then
      local tab = line:find("\t", 1, true)
      events[#events + 1] = { line:sub(1, tab - 1), line:sub(tab + 1) }
    end
    i = i + 1
  end
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  counter = counter + 1
  local e = events[((counter - 1) % #events) + 1]
  wrk.headers["Stripe-Signature"] = e[1]
  return wrk.format(nil, "/webhooks/stripe", nil, e[2])
end

function done(summary, latency, requests)
  io.write(string.format("events/s: %.1f  p50: %.2f ms  p99: %.2f ms  errors(non-2xx): %d  answered: %d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.status, summary.requests))
end
