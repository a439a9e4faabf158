-- wrk script for scripts/bench/cgi.sh: each request is the next query of a query file, as a
-- browser's search form sends it (GET PATH?q=...), threads starting at different queries; counts
-- the answers that are not 2xx, which wrk itself would count only when not 3xx either.
--   wrk -s cgi.lua URL -- QUERY_FILE [EXTRA_PARAMETERS [QUERY_PARAMETER]]
-- QUERY_FILE: one query a line, '#' lines and empty lines skipped. EXTRA_PARAMETERS (already
-- encoded, e.g. "format=json") go after the query; QUERY_PARAMETER names it (default q; Omega's
-- is P). done() prints "key value" lines for cgi.sh and omega.sh.

local queries = {}
local extra = ""
local parameter = "q"
local threads = {}
local counter = 1

local function encode(text)
  return (text:gsub("[^%w%-%._~ ]", function(c)
    return string.format("%%%02X", string.byte(c))
  end):gsub(" ", "+"))
end

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  local file = assert(io.open(args[1], "r"), "cannot read the query file " .. tostring(args[1]))
  for line in file:lines() do
    if line ~= "" and line:sub(1, 1) ~= "#" then
      table.insert(queries, line)
    end
  end
  file:close()
  assert(#queries > 0, "no query in " .. args[1])
  if args[2] and args[2] ~= "" then extra = "&" .. args[2] end
  if args[3] and args[3] ~= "" then parameter = args[3] end
  -- Spread the threads over the list so they do not ask the same query at the same moment.
  next_query = (id - 1) * math.floor(#queries / 7) % #queries
  non2xx = 0
  statuses = {}
end

function request()
  next_query = next_query % #queries + 1
  return wrk.format("GET", wrk.path .. "?" .. parameter .. "=" .. encode(queries[next_query]) .. extra)
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
    statuses[status] = (statuses[status] or 0) + 1
  end
end

function done(summary, latency, requests)
  local bad = 0
  local by_status = {}
  for _, thread in ipairs(threads) do
    bad = bad + thread:get("non2xx")
    for status, n in pairs(thread:get("statuses")) do
      by_status[status] = (by_status[status] or 0) + n
    end
  end
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format("requests %d\n", summary.requests))
  io.write(string.format("seconds %.3f\n", seconds))
  io.write(string.format("rps %.2f\n", summary.requests / seconds))
  io.write(string.format("non2xx %d\n", bad))
  for status, n in pairs(by_status) do io.write(string.format("status_%d %d\n", status, n)) end
  io.write(string.format("socket_errors %d\n", e.connect + e.read + e.write + e.timeout))
  io.write(string.format("timeouts %d\n", e.timeout))
  io.write(string.format("latency_median_ms %.2f\n", latency:percentile(50) / 1000))
  io.write(string.format("latency_p90_ms %.2f\n", latency:percentile(90) / 1000))
  io.write(string.format("latency_p99_ms %.2f\n", latency:percentile(99) / 1000))
  io.write(string.format("latency_max_ms %.2f\n", latency.max / 1000))
end
