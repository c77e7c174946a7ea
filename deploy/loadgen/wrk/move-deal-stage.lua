-- wrk script: MoveDealStage over the deal ids listed one per line in $DEALS (default deals.txt).
-- Run with as many threads as connections (wrk -t16 -c16 ...): each thread then owns its own deals, so no two
-- requests race on one deal and every answer should be 2xx. Use fresh deals (stage NEW) for each run: a second run
-- restarts the stage cycle and may ask a deal for the stage it is already in (409 stage-unchanged).
local ids = {}
for line in io.lines(os.getenv("DEALS") or "deals.txt") do ids[#ids + 1] = line end
local stages = {"QUALIFIED", "PROPOSAL", "NEGOTIATION", "NEW"}
local threads = 0
function setup(thread)
  thread:set("tid", threads)
  threads = threads + 1
end
function init(args)
  -- how many threads share the deals; wrk's -t value, passed after "--"
  nthreads = tonumber(args[1] or "16")
end
local mine, step, i = nil, {}, 0
function request()
  if tid == nil then return wrk.format("GET", "/actuator/health") end -- wrk's own probe in its main state
  if mine == nil then
    mine = {}
    for k = 1, #ids do if (k - 1) % nthreads == tid then mine[#mine + 1] = ids[k] end end
  end
  i = i % #mine + 1
  local deal = mine[i]
  step[deal] = (step[deal] or 0) % #stages + 1
  return wrk.format("POST", "/api/v1/deals/" .. deal .. "/stage", {["Content-Type"] = "application/json"},
    '{"stage":"' .. stages[step[deal]] .. '"}')
end
