// Reads typed values out of parsed YAML: resolves `os.environ/NAME` references and records every
// problem and warning with its path. It knows no section of the file; the section parsers do.
// Messages never repeat a configured value, which may be a secret.

export type Env = Readonly<Record<string, string | undefined>>;
export type YamlMap = Readonly<Record<string, unknown>>;

/** What a section accepts. A key in none of the lists is an error. */
export interface SectionKeys {
  readonly supported: readonly string[];
  /** LiteLLM keys Gatehouse does not have and that are safe to ignore: key -> why (a warning). */
  readonly ignored?: Readonly<Record<string, string>>;
  /** LiteLLM keys that would lift a restriction if ignored: key -> why (an error). */
  readonly refused?: Readonly<Record<string, string>>;
}

export interface NumberBounds {
  readonly min?: number;
  readonly max?: number;
  /** The value must be greater than `min`, not equal to it. */
  readonly exclusiveMin?: boolean;
  readonly integer?: boolean;
}

const ENV_PREFIX = 'os.environ/';
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const NUMERIC = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const PLAIN_KEY = /^[A-Za-z0-9_-]+$/;
const TRUE_WORDS = new Set(['true', 'yes', 'on']);
const FALSE_WORDS = new Set(['false', 'no', 'off']);

/** A plain YAML mapping; tagged values (`!!binary`, `!!set`, `!!timestamp`, ...) are not. */
export function isYamlMap(value: unknown): value is YamlMap {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** `a.b`, `a[2]`, `a["key with.dots"]`: the path of a child, as problems print it. */
export function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  if (!PLAIN_KEY.test(key)) return `${path}[${JSON.stringify(key)}]`;
  return path === '' ? key : `${path}.${key}`;
}

export class ConfigReader {
  readonly problems: string[];
  readonly warnings: string[];
  readonly #env: Env;

  constructor(env: Env, problems: string[] = [], warnings: string[] = []) {
    this.#env = env;
    this.problems = problems;
    this.warnings = warnings;
  }

  /** A reader resolving references against `env` that records into the same lists. */
  withEnv(env: Env): ConfigReader {
    return new ConfigReader(env, this.problems, this.warnings);
  }

  problem(path: string, message: string): undefined {
    this.problems.push(`${path}: ${message}`);
    return undefined;
  }

  warn(path: string, message: string): void {
    this.warnings.push(`${path}: ${message}`);
  }

  /** Replaces every `os.environ/NAME` string in a value (deeply) with the variable's value. */
  resolve(value: unknown, path: string): unknown {
    if (typeof value === 'string') return this.#resolveString(value, path);
    if (Array.isArray(value)) return value.map((item: unknown, index) => this.resolve(item, childPath(path, index)));
    if (typeof value !== 'object' || value === null) return value;
    if (!isYamlMap(value)) return this.problem(path, 'must be plain YAML data (strings, numbers, booleans, lists and maps)');
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, this.resolve(item, childPath(path, key))]));
  }

  /** Every key of `section` is supported, or warned about, or refused, or unknown (an error). */
  checkKeys(section: YamlMap, path: string, keys: SectionKeys): void {
    for (const key of Object.keys(section)) {
      if (keys.supported.includes(key)) continue;
      const keyPath = childPath(path, key);
      const ignored = keys.ignored !== undefined && Object.hasOwn(keys.ignored, key) ? keys.ignored[key] : undefined;
      const refused = keys.refused !== undefined && Object.hasOwn(keys.refused, key) ? keys.refused[key] : undefined;
      if (ignored !== undefined) this.warn(keyPath, `ignored: ${ignored}`);
      else if (refused !== undefined) this.problem(keyPath, `not supported; refusing to start rather than ignore it (${refused})`);
      else this.problem(keyPath, 'unknown key');
    }
  }

  map(value: unknown, path: string): YamlMap | undefined {
    if (value === undefined || value === null) return undefined;
    return isYamlMap(value) ? value : this.problem(path, 'must be a map of keys to values');
  }

  list(value: unknown, path: string): readonly unknown[] | undefined {
    if (value === undefined || value === null) return undefined;
    return Array.isArray(value) ? value : this.problem(path, 'must be a list');
  }

  string(value: unknown, path: string): string | undefined {
    const resolved = this.#leaf(value, path);
    if (resolved === undefined) return undefined;
    if (typeof resolved === 'number' || typeof resolved === 'boolean') {
      return this.problem(path, 'must be a string (quote the value in YAML)');
    }
    if (typeof resolved !== 'string') return this.problem(path, 'must be a string');
    if (resolved !== '') return resolved;
    const reference = typeof value === 'string' && value.startsWith(ENV_PREFIX) ? ` (environment variable ${value.slice(ENV_PREFIX.length)} is empty)` : '';
    return this.problem(path, `must not be empty${reference}`);
  }

  requiredString(value: unknown, path: string): string | undefined {
    if (value === undefined || value === null) return this.problem(path, 'required');
    return this.string(value, path);
  }

  stringList(value: unknown, path: string): string[] | undefined {
    const items = this.list(value, path);
    if (items === undefined) return undefined;
    const strings = items.map((item, index) => this.requiredString(item, childPath(path, index)));
    return strings.every((item) => item !== undefined) ? (strings as string[]) : undefined;
  }

  /** A number, also given as a numeric string (common when it comes from the environment). */
  number(value: unknown, path: string, bounds: NumberBounds = {}): number | undefined {
    const resolved = this.#leaf(value, path);
    if (resolved === undefined) return undefined;
    const parsed = typeof resolved === 'string' && NUMERIC.test(resolved.trim()) ? Number(resolved) : resolved;
    if (typeof parsed !== 'number' || !Number.isFinite(parsed)) return this.problem(path, 'must be a number');
    if (bounds.integer === true && !Number.isInteger(parsed)) return this.problem(path, 'must be a whole number');
    if (bounds.min !== undefined && bounds.exclusiveMin === true && parsed <= bounds.min) {
      return this.problem(path, `must be greater than ${bounds.min}`);
    }
    if (bounds.min !== undefined && parsed < bounds.min) return this.problem(path, `must be at least ${bounds.min}`);
    if (bounds.max !== undefined && parsed > bounds.max) return this.problem(path, `must be at most ${bounds.max}`);
    return parsed;
  }

  /** LiteLLM durations are seconds; Gatehouse keeps milliseconds. */
  secondsAsMs(value: unknown, path: string, bounds: NumberBounds = { min: 0, exclusiveMin: true }): number | undefined {
    const seconds = this.number(value, path, bounds);
    return seconds === undefined ? undefined : Math.round(seconds * 1000);
  }

  boolean(value: unknown, path: string): boolean | undefined {
    const resolved = this.#leaf(value, path);
    if (resolved === undefined || typeof resolved === 'boolean') return resolved;
    const word = typeof resolved === 'string' ? resolved.trim().toLowerCase() : undefined;
    if (word !== undefined && TRUE_WORDS.has(word)) return true;
    if (word !== undefined && FALSE_WORDS.has(word)) return false;
    return this.problem(path, 'must be true or false');
  }

  /** A scalar with its reference resolved; undefined when absent (YAML null counts as absent). */
  #leaf(value: unknown, path: string): unknown {
    if (value === undefined || value === null) return undefined;
    return typeof value === 'string' ? this.#resolveString(value, path) : value;
  }

  #resolveString(value: string, path: string): string | undefined {
    if (!value.startsWith(ENV_PREFIX)) return value;
    const name = value.slice(ENV_PREFIX.length);
    if (!ENV_NAME.test(name)) return this.problem(path, `${JSON.stringify(value)} is not a valid environment variable reference`);
    const resolved = Object.hasOwn(this.#env, name) ? this.#env[name] : undefined;
    if (resolved === undefined) return this.problem(path, `environment variable ${name} is not set (referenced as os.environ/${name})`);
    return resolved;
  }
}
