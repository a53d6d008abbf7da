-- wrk script: GET one path as fast as possible (throughput at saturation) with a browser-like user agent.
-- Usage: wrk -t2 -c50 -d20s -s bench/flat-out.lua http://localhost:18080 -- /ping
local path

function init(args)
  path = args[1] or "/ping"
  wrk.headers["User-Agent"] = "Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0 bench"
end

function request()
  return wrk.format("GET", path)
end

function done(summary, latency, requests)
  io.write(string.format("flat-out: %.0f req/s  total %d  p50 %.2f ms  p99 %.2f ms  non-2xx/3xx %d\n",
    summary.requests / (summary.duration / 1e6), summary.requests, latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, summary.errors.status))
end
