-- wrk script of run-http.sh: POSTs BODY (default {"args":[1]}) to PATH_TEMPLATE with {key} replaced by "hot"
-- (KEYS=1) or by k0..k(KEYS-1) in turn, each connection thread starting at its own random offset (so every key is
-- used, and a warm-up creates every actor); prints one RESULT line that run-http.sh parses.
local template = os.getenv("PATH_TEMPLATE")
local keys = tonumber(os.getenv("KEYS") or "1")

wrk.method = "POST"
wrk.body = os.getenv("BODY") or '{"args":[1]}'
wrk.headers["Content-Type"] = "application/json"

local threads = 0
local next_key = 0

setup = function(thread)
  threads = threads + 1
  thread:set("thread_id", threads)
end

init = function(args)
  math.randomseed(os.time() * 100 + (thread_id or 0))
  next_key = math.random(0, keys - 1)
end

request = function()
  local key = "hot"
  if keys > 1 then
    key = "k" .. next_key
    next_key = (next_key + 1) % keys
  end
  return wrk.format(nil, (template:gsub("{key}", key)))
end

done = function(summary, latency, requests)
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read
      + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT %.1f %.3f %.3f %d %d\n", summary.requests / (summary.duration / 1e6),
      latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.requests, errors))
end
