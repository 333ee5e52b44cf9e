/**
 * The Lua scripts behind RedisZixflowStore. Each runs atomically in Redis, so a postback costs one round
 * trip (EVALSHA, falling back to EVAL once per connection when Redis has not cached the script yet) and no
 * two replicas can interleave. Key names are in redis-store.keys.ts.
 */

/**
 * `claimPostback`, exactly as ZixflowStore documents it, with `isNewerStatus` ported to Lua.
 * KEYS: postback, status, settled, pending.
 * ARGV: record JSON, status lower-cased (by JavaScript, so "case-insensitive" means what it means there),
 * instant, final ('1'/'0'), has sendId ('1'/'0'), settled-send JSON, dedup TTL, status TTL, pending TTL (ms),
 * channel.
 * Returns { duplicate, firstDelivery, stale, settledPending } as 0/1.
 */
export const CLAIM_POSTBACK_LUA = `
local claim = redis.call('HMGET', KEYS[1], 'held', 'stale')
if claim[1] == '1' then return {1, 0, 0, 0} end
if claim[1] == '0' then
  redis.call('HSET', KEYS[1], 'held', '1')
  return {0, 0, tonumber(claim[2]) or 0, 0}
end

-- a < b comparing bytes, like JavaScript's < on these ASCII strings (Lua's own < follows the locale)
local function before(a, b)
  for i = 1, math.min(#a, #b) do
    local x, y = string.byte(a, i), string.byte(b, i)
    if x ~= y then return x < y end
  end
  return #a < #b
end

local status, instant, final = ARGV[2], ARGV[3], ARGV[4] == '1'
local stored = redis.call('HMGET', KEYS[2], 'status', 'instant', 'final')
local newer
if not stored[1] then
  newer = true
elseif instant == stored[2] and status == stored[1] then
  newer = true
elseif before(instant, stored[2]) then
  newer = false
elseif stored[3] == '1' and not final then
  newer = false
elseif instant == stored[2] then
  newer = final and stored[3] ~= '1'
else
  newer = true
end

local stale = newer and 0 or 1
redis.call('HSET', KEYS[1], 'held', '1', 'stale', stale)
redis.call('PEXPIRE', KEYS[1], ARGV[7])
if newer then
  redis.call('HSET', KEYS[2], 'record', ARGV[1], 'status', status, 'instant', instant, 'final', ARGV[4])
  redis.call('PEXPIRE', KEYS[2], ARGV[8])
end

local settledPending = 0
if ARGV[5] == '1' and redis.call('EXISTS', KEYS[3]) == 0 then
  redis.call('SET', KEYS[3], ARGV[6], 'PX', ARGV[9])
  settledPending = redis.call('DEL', KEYS[4])
end

redis.call('PUBLISH', ARGV[10], '{"stale":' .. (newer and 'false' or 'true') .. ',"record":' .. ARGV[1] .. '}')
return {0, 1, stale, settledPending}
`;

/**
 * `releasePostback(key, 'handler')`: marks a held claim released for its handler, keeping its TTL and its
 * stale verdict (HSET on an existing hash keeps the TTL); an absent key stays absent. KEYS: postback.
 */
export const RELEASE_HANDLER_LUA = `
if redis.call('HGET', KEYS[1], 'held') == '1' then redis.call('HSET', KEYS[1], 'held', '0') end
return 0
`;

/**
 * `markPending`: the settled send if a postback already named it, else records the send as pending.
 * KEYS: settled, pending. ARGV: pending TTL (ms). Returns the settled-send JSON or nil.
 */
export const MARK_PENDING_LUA = `
local settled = redis.call('GET', KEYS[1])
if settled then return settled end
redis.call('SET', KEYS[2], '1', 'PX', ARGV[1])
return false
`;
