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
