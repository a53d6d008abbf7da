-- wrk script: GET one path at a paced rate, so latency percentiles are measured at a target load instead of at
-- saturation (wrk has no -R option; each connection waits connections/rate seconds between its requests).
-- Usage: wrk -t2 -c50 -d20s -s bench/paced.lua http://localhost:18080 -- /r/jane1 10000
local path, pause_ms

function init(args)
  path = args[1] or "/ping"
  local rate = tonumber(args[2] or "10000")
  local connections = tonumber(os.getenv("CONNECTIONS") or "50")
  pause_ms = math.max(0, math.floor(connections * 1000 / rate))
  -- A browser-like agent, so clicks are counted as clicks rather than bot traffic.
  wrk.headers["User-Agent"] = "Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0 bench"
end

function delay()
  return pause_ms
end

function request()
  return wrk.format("GET", path)
end

function done(summary, latency, requests)
  io.write(string.format("paced: %.0f req/s  total %d  p50 %.2f ms  p99 %.2f ms  non-2xx/3xx %d  socket errors %d\n",
    summary.requests / (summary.duration / 1e6), summary.requests, latency:percentile(50) / 1000,
    latency:percentile(99) / 1000,
    summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
