-- wrk script: OpenDeal for one of the contacts given after "--" at random, with one of 20 owners and 5 sources at
-- random; each thread appends the ids it is answered to $DEALS_OUT.<thread> (one per line), for move-deal-stage.lua.
local threads = 0
function setup(thread)
  thread:set("tid", threads)
  threads = threads + 1
end
local contacts, out
local sources = {"web", "referral", "cold-call", "exhibition", "partner"}
function init(args)
  contacts = args
  math.randomseed(os.time() + (tid or 0))
end
function request()
  if tid == nil then return wrk.format("GET", "/actuator/health") end -- wrk's own probe in its main state
  return wrk.format("POST", "/api/v1/deals", {["Content-Type"] = "application/json"},
    '{"contactId":"' .. contacts[math.random(1, #contacts)] .. '","title":"report load","amount":{"value":"' .. math.random(1, 5000)
    .. '.00","currency":"EUR"},"ownerId":"m' .. math.random(1, 20) .. '","source":"'
    .. sources[math.random(1, #sources)] .. '"}')
end
function response(status, headers, body)
  local id = body and body:match('"id":"([^"]+)"')
  if status == 201 and id then
    out = out or io.open((os.getenv("DEALS_OUT") or "deals-out") .. "." .. tid, "a")
    out:write(id, "\n")
    out:flush()
  end
end
