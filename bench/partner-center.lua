-- wrk script: GET one partner-center page with a logged-in partner's session cookie; prints p50/p95/p99.
-- Usage: wrk -t2 -c4 -d10s -s bench/partner-center.lua http://localhost:18080 -- /partner/commissions "JSESSIONID=..."
local path

function init(args)
  path = args[1] or "/partner"
  wrk.headers["Cookie"] = args[2]
  wrk.headers["User-Agent"] = "Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0 bench"
end

function request()
  return wrk.format("GET", path)
end

function done(summary, latency, requests)
  io.write(string.format("page: %.0f req/s  total %d  p50 %.2f ms  p95 %.2f ms  p99 %.2f ms  non-2xx/3xx %d  timeouts %d\n",
    summary.requests / (summary.duration / 1e6), summary.requests, latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000, summary.errors.status, summary.errors.timeout))
end
