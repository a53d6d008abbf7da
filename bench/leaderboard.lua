-- wrk script: GET /api/v1/leaderboard (top 50 + own rank) for a random partner of the bench program each time.
-- Usage: wrk -t2 -c8 -d20s -s bench/leaderboard.lua http://localhost:18080 -- KEY FIRST_CONTACT_ID PARTNERS LIMIT
local key, first, partners, limit

function init(args)
  key = args[1]
  first = tonumber(args[2])
  partners = tonumber(args[3])
  limit = args[4] or "50"
  wrk.headers["Authorization"] = "Bearer " .. key
  math.randomseed(os.time() + math.floor(os.clock() * 1e6))
end

function request()
  local code = "blb-" .. (first + math.random(0, partners - 1))
  return wrk.format("GET", "/api/v1/leaderboard?rollup=Bench%20sales&program=Bench%20leaderboard&limit=" .. limit
    .. "&partner=" .. code)
end

function done(summary, latency, requests)
  io.write(string.format("leaderboard: %.0f req/s  total %d  p50 %.2f ms  p95 %.2f ms  p99 %.2f ms  non-2xx %d\n",
    summary.requests / (summary.duration / 1e6), summary.requests, latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000, summary.errors.status))
end
