// Wildcard matching for model lists (`openai/*`) and route patterns (`/key/*`, `/engines/{model}/...`).
// Linear in pattern x text (no backtracking regexes), so a crafted pattern cannot stall a request.
// What the lists mean (aliases, route groups) is the callers' concern.

export interface GlobOptions {
  /** `{name}` matches one path segment (LiteLLM's route placeholders); otherwise it is literal. */
  readonly placeholders?: boolean;
  /**
   * Coverage mode, for "is pattern B within pattern A": B's text is matched against A, and a
   * placeholder of A then never matches B's `*` (which may span segments).
   */
  readonly textHasStars?: boolean;
}

type Token = { readonly kind: 'literal'; readonly char: string } | { readonly kind: 'any' } | { readonly kind: 'segment' };

function tokenize(pattern: string, placeholders: boolean): Token[] {
  const tokens: Token[] = [];
  for (let index = 0; index < pattern.length; index += 1) {
    const char = pattern.charAt(index);
    const close = placeholders && char === '{' ? pattern.indexOf('}', index + 1) : -1;
    if (char === '*') tokens.push({ kind: 'any' });
    else if (close > index + 1 && !pattern.slice(index + 1, close).includes('/')) {
      tokens.push({ kind: 'segment' });
      index = close;
    } else tokens.push({ kind: 'literal', char });
  }
  return tokens;
}

/** True when `text` matches `pattern` entirely: `*` matches any run of characters, `/` included. */
export function globMatch(pattern: string, text: string, options: GlobOptions = {}): boolean {
  if (!pattern.includes('*') && !(options.placeholders === true && pattern.includes('{'))) return pattern === text;
  const stopChars = options.textHasStars === true ? '/*' : '/';
  // reachable[j]: the tokens consumed so far can match the first j characters of text.
  let reachable: boolean[] = Array.from({ length: text.length + 1 }, (_, j) => j === 0);
  for (const token of tokenize(pattern, options.placeholders === true)) {
    const next: boolean[] = new Array<boolean>(text.length + 1).fill(false);
    let carry = false;
    for (let j = 0; j <= text.length; j += 1) {
      if (token.kind === 'any') {
        carry ||= reachable[j] === true;
        next[j] = carry;
      } else if (j > 0) {
        const char = text.charAt(j - 1);
        if (token.kind === 'literal') next[j] = reachable[j - 1] === true && char === token.char;
        else {
          carry = !stopChars.includes(char) && (carry || reachable[j - 1] === true);
          next[j] = carry;
        }
      }
    }
    reachable = next;
  }
  return reachable[text.length] === true;
}
