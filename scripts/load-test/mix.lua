-- wrk script of scripts/load-test.sh (no HEAD requests: wrk would wait for the body
-- their Content-Length announces): a mix of successes, the crate's errors, bare
-- statuses, panics and timeouts against the example API; counts every error answer
-- that is not a Certifier envelope ending with the answer's request id.

local version = { ["Certifier-Version"] = "2024-06-01" }
local json = { ["Certifier-Version"] = "2024-06-01", ["Content-Type"] = "application/json" }

local mix = {
  -- successes
  { "GET", "/certificates", version },
  { "GET", "/certificates", version },
  { "GET", "/certificates/cert_example", version },
  { "GET", "/certificates/cert_example", version },
  { "GET", "/account", { ["Certifier-Version"] = "2024-06-01", ["Authorization"] = "Bearer demo-token" } },
  -- errors the crate builds
  { "GET", "/certificates/cert_missing", version },
  { "GET", "/certificates", {} },
  { "POST", "/certificates", json, '{"domain": ' },
  { "POST", "/certificates/cert_example/renew", version },
  { "GET", "/certificates/cert_example/chain", version },
  { "GET", "/account", version },
  -- bare statuses: the router's 404 and 405, a handler's 501
  { "GET", "/nowhere", {} },
  { "DELETE", "/certificates", version },
  { "DELETE", "/certificates/cert_example", version },
  -- a panic, and a handler slower than the request timeout
  { "GET", "/certificates/cert_example/ocsp", version },
  { "GET", "/certificates/export", version },
}

local requests = {}
local index = 0

function init(args)
  for i, entry in ipairs(mix) do
    requests[i] = wrk.format(entry[1], entry[2], entry[3], entry[4])
  end
end

served = 0
successes = 0
envelopes = 0
others = 0
missing_ids = 0

function request()
  index = index % #requests + 1
  return requests[index]
end

function response(status, headers, body)
  served = served + 1
  local id = headers["x-request-id"]
  if id == nil then
    missing_ids = missing_ids + 1
  end
  if status < 400 then
    successes = successes + 1
    return
  end
  local ending = id and (',"request_id":"' .. id .. '"}}') or nil
  if body:sub(1, 18) == '{"error":{"code":"' and ending and body:sub(-#ending) == ending then
    envelopes = envelopes + 1
  else
    others = others + 1
    if others <= 5 then
      io.stderr:write("not an envelope: " .. status .. " " .. body:sub(1, 200) .. "\n")
    end
  end
end

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function done(summary, latency, requests)
  local totals = { served = 0, successes = 0, envelopes = 0, others = 0, missing_ids = 0 }
  for _, thread in ipairs(threads) do
    for name, _ in pairs(totals) do
      totals[name] = totals[name] + thread:get(name)
    end
  end
  io.write(string.format(
    "RESULT served=%d successes=%d envelopes=%d non_envelope_errors=%d missing_request_ids=%d socket_errors=%d timeouts=%d\n",
    totals.served, totals.successes, totals.envelopes, totals.others, totals.missing_ids,
    summary.errors.connect + summary.errors.read + summary.errors.write, summary.errors.timeout))
end
