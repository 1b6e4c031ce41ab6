// The Lua scripts behind the Redis counters: each runs atomically on the server, so a check and the
// writes it allows cannot interleave with another instance's. Sending and parsing replies is not here.
//
// Values are written with INCRBYFLOAT (fractional counters such as spend) and never formatted by
// Lua, whose number-to-string conversion keeps only 14 digits; replies are strings for the same reason.
// A key gets its TTL when it has none (PTTL -1), the same as `PEXPIRE NX` on Redis 7 but also on 6.x.

/** KEYS[1] counter; ARGV delta, ttlMs. Returns the new value as a string. */
export const addScript = `
local value = redis.call('INCRBYFLOAT', KEYS[1], ARGV[1])
if redis.call('PTTL', KEYS[1]) == -1 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return value
`;

/**
 * KEYS counters; ARGV delta, limit, ttlMs for each key in turn. Adds every delta only when no
 * resulting value exceeds its limit (a key repeated accumulates); returns -1, or the 0-based index
 * of the first entry that would exceed its limit.
 */
export const addIfWithinScript = `
local pending = {}
for i, key in ipairs(KEYS) do
  local base = 3 * (i - 1)
  local current = pending[key]
  if current == nil then current = tonumber(redis.call('GET', key) or '0') end
  local nextValue = current + tonumber(ARGV[base + 1])
  if nextValue > tonumber(ARGV[base + 2]) then return i - 1 end
  pending[key] = nextValue
end
for i, key in ipairs(KEYS) do
  local base = 3 * (i - 1)
  redis.call('INCRBYFLOAT', key, ARGV[base + 1])
  if redis.call('PTTL', key) == -1 then redis.call('PEXPIRE', key, ARGV[base + 3]) end
end
return -1
`;

/**
 * One admission. KEYS: the entries' counters, then the counters some limits are lowered by. ARGV[1]
 * is the entry count; then for each entry delta, limit, ttlMs, seed ('' for none) and the 1-based
 * KEYS index of its limit-lowering counter (0 for none). Seeds (SET NX), reads every value, then
 * adds all deltas only if none would exceed its limit. Returns {refused index or -1, values before...}.
 */
export const admitScript = `
local n = tonumber(ARGV[1])
for i = 1, n do
  local b = 2 + 5 * (i - 1)
  if ARGV[b + 3] ~= '' then redis.call('SET', KEYS[i], ARGV[b + 3], 'PX', ARGV[b + 2], 'NX') end
end
local before = {}
for i = 1, n do before[i] = redis.call('GET', KEYS[i]) or '0' end
local pending = {}
local refused = -1
for i = 1, n do
  local b = 2 + 5 * (i - 1)
  local key = KEYS[i]
  local current = pending[key]
  if current == nil then current = tonumber(before[i]) end
  local limit = tonumber(ARGV[b + 1])
  local less = tonumber(ARGV[b + 4])
  if less > 0 then
    local lessValue = tonumber(redis.call('GET', KEYS[less]) or '0')
    if lessValue > 0 then limit = limit - lessValue end
  end
  local nextValue = current + tonumber(ARGV[b])
  if nextValue > limit then
    refused = i - 1
    break
  end
  pending[key] = nextValue
end
if refused == -1 then
  for i = 1, n do
    local b = 2 + 5 * (i - 1)
    redis.call('INCRBYFLOAT', KEYS[i], ARGV[b])
    if redis.call('PTTL', KEYS[i]) == -1 then redis.call('PEXPIRE', KEYS[i], ARGV[b + 2]) end
  end
end
local reply = { refused }
for i = 1, n do reply[i + 1] = before[i] end
return reply
`;

/** KEYS counters; ARGV delta, ttlMs and seed ('' for none) for each in turn. Seeds (SET NX), then adds. */
export const addManyScript = `
for i, key in ipairs(KEYS) do
  local b = 3 * (i - 1)
  if ARGV[b + 3] ~= '' then redis.call('SET', key, ARGV[b + 3], 'PX', ARGV[b + 2], 'NX') end
  redis.call('INCRBYFLOAT', key, ARGV[b + 1])
  if redis.call('PTTL', key) == -1 then redis.call('PEXPIRE', key, ARGV[b + 2]) end
end
return 0
`;
