// Judges whether a master key is strong enough to guard the gateway: long, not an example value
// from some README, not visibly low in entropy. Where the key comes from is master-key.ts's concern.

export const MIN_MASTER_KEY_LENGTH = 32;
/** A longer key could not be sent in a 1 KiB Authorization header. */
export const MAX_MASTER_KEY_LENGTH = 512;
const MIN_DISTINCT_CHARACTERS = 8;

/** Example values, compared after lower-casing and dropping `sk-`, separators and trailing digits. */
const EXAMPLE_VALUES = new Set([
  'changeme', 'password', 'passw0rd', 'secret', 'test', 'example', 'yourmasterkey', 'masterkey', 'mastersecret',
  'admin', 'default', 'letmein', 'supersecret', 'secretkey', 'yoursecretkey', 'apikey', 'yourapikey', 'mykey',
  'qwerty', 'gatehouse', 'litellm', 'testkey', 'demo',
]);
/** A key containing any of these is a placeholder someone forgot to replace. */
const EXAMPLE_FRAGMENTS = ['changeme', 'example', 'yourmasterkey', 'replaceme', 'placeholder', 'yourkeyhere', 'insertkey'];
const VISIBLE_ASCII = /^[\x21-\x7e]*$/;

/** Why the key is not acceptable, or undefined when it is. */
export function masterKeyWeakness(key: string): string | undefined {
  if (key === '') return 'is empty';
  if (!VISIBLE_ASCII.test(key)) return 'contains spaces, control characters or non-ASCII characters';
  if (isExampleValue(key)) return 'is an example value';
  if (key.length < MIN_MASTER_KEY_LENGTH) return `is shorter than ${MIN_MASTER_KEY_LENGTH} characters`;
  if (key.length > MAX_MASTER_KEY_LENGTH) return `is longer than ${MAX_MASTER_KEY_LENGTH} characters`;
  if (looksLowInEntropy(key.replace(/^sk-/i, ''))) {
    return 'has too little entropy (few distinct characters, a repeated pattern or a run of sequential characters)';
  }
  return undefined;
}

function isExampleValue(key: string): boolean {
  const normalized = key.toLowerCase().replace(/^sk[-_]/, '').replace(/[^a-z0-9]/g, '');
  const core = normalized.replace(/\d+$/, '');
  if (EXAMPLE_VALUES.has(core)) return true;
  // Short digit runs (`sk-1234`); long random digit strings are judged on their entropy.
  if (core === '' && normalized.length < MIN_MASTER_KEY_LENGTH) return true;
  return EXAMPLE_FRAGMENTS.some((fragment) => normalized.includes(fragment));
}

function looksLowInEntropy(body: string): boolean {
  const counts = new Map<string, number>();
  for (const char of body) counts.set(char, (counts.get(char) ?? 0) + 1);
  const mostFrequent = Math.max(...counts.values());
  return counts.size < MIN_DISTINCT_CHARACTERS || mostFrequent * 2 > body.length || isRepetition(body) || isMostlySequential(body);
}

/** `abcdabcdabcd...`: the whole string repeats a unit at most half its length. */
function isRepetition(text: string): boolean {
  for (let period = 1; period <= text.length / 2; period += 1) {
    let repeats = true;
    for (let index = period; index < text.length && repeats; index += 1) repeats = text[index] === text[index - period];
    if (repeats) return true;
  }
  return false;
}

/** `abcdefgh...`, `0123456789...`, `zyxw...`: most neighbours are adjacent characters. */
function isMostlySequential(text: string): boolean {
  let adjacent = 0;
  for (let index = 1; index < text.length; index += 1) {
    if (Math.abs(text.charCodeAt(index) - text.charCodeAt(index - 1)) === 1) adjacent += 1;
  }
  return adjacent * 2 > text.length - 1;
}
