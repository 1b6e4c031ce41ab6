// Scans the git-tracked tree for committed secrets: private key blocks, cloud and provider token
// shapes, Gatehouse virtual keys, and high-entropy values assigned to secret-looking names. Plain
// Node, no dependencies. Prints `file:line: kind (masked value)` and exits 1 when anything is found.
//
// Usage: node scripts/scan-secrets.mjs   (from anywhere inside the repository)
// A test fixture that must look like a key carries the marker `scan-secrets: allow` on the same
// line or on the line just above it; documented in docs/egress-and-privacy.md.

import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const allowMarker = 'scan-secrets: allow';
const maxFileBytes = 2 * 1024 * 1024;

/** Shapes that are a secret wherever they appear. */
const tokenShapes = [
  ['private key block', /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/],
  ['AWS access key id', /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/],
  ['OpenAI API key', /\bsk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{20,}/],
  ['OpenAI API key', /\bsk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}\b/],
  ['Anthropic API key', /\bsk-ant-[a-z]+[0-9]*-[A-Za-z0-9_-]{32,}/],
  ['Google API key', /\bAIza[0-9A-Za-z_-]{35}\b/],
  ['Google OAuth client secret', /\bGOCSPX-[A-Za-z0-9_-]{28}\b/],
  ['Groq API key', /\bgsk_[A-Za-z0-9]{48,}\b/],
  ['GitHub token', /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{50,})\b/],
  ['Slack token', /\bxox[abposr]-[A-Za-z0-9-]{10,}/],
  ['Slack webhook', /hooks\.slack\.com\/services\/T[A-Z0-9]+\/B[A-Z0-9]+\/[A-Za-z0-9]+/],
  ['Gatehouse virtual key', /\bsk-[0-9A-Za-z]{43}(?![0-9A-Za-z_-])/],
];

/** Documented example values that look like keys and are not. */
const knownExamples = new Set(['AKIAIOSFODNN7EXAMPLE', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY']);
/** A placeholder reads as one: a word no random key contains, or an ascending run (0123, abcd). */
const placeholderWord = /test|fake|dummy|example|sample|mock|placeholder|payload|changeme|redacted|canary|bench|none/i;
const ascendingRuns = ['0123456789', 'abcdefghijklmnopqrstuvwxyz'];

function isPlaceholder(value) {
  if (knownExamples.has(value) || placeholderWord.test(value)) return true;
  const lower = value.toLowerCase();
  for (let i = 0; i + 4 <= lower.length; i++) {
    if (ascendingRuns.some((run) => run.includes(lower.slice(i, i + 4)))) return true;
  }
  return false;
}

const secretName = /(?:api[_-]?key|apikey|secret|passw(?:or)?d|private[_-]?key|access[_-]?key|client[_-]?secret|auth[_-]?token|access[_-]?token|refresh[_-]?token|bearer)/i;
/** `name = value`, `name: value`, `"name": "value"`; the value is a run of token characters. */
const assignment = /([A-Za-z0-9_.-]+)["']?\s*[:=]\s*["'`]?([A-Za-z0-9+/_=.~-]{20,})/g;
const bearer = /\bBearer\s+([A-Za-z0-9+/_=.~-]{20,})/g;
/** Values that point at a secret rather than being one. */
const reference = /^(?:os\.environ\/|process\.env|env\.|\$\{|<|your[_-]|example|changeme|placeholder|dummy|redacted)/i;

/** Bits per character: random base64 is near 6, hex near 4, English words near 3. */
export function shannonEntropy(text) {
  const counts = new Map();
  for (const char of text) counts.set(char, (counts.get(char) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / text.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

function looksRandom(value) {
  if (reference.test(value) || isPlaceholder(value)) return false;
  if (!/[0-9]/.test(value) || !/[A-Za-z]/.test(value)) return false;
  return shannonEntropy(value) >= 3.5;
}

function mask(value) {
  return `${value.slice(0, 4)}… (${value.length} chars)`;
}

function assignedSecrets(line) {
  const found = [];
  for (const match of line.matchAll(assignment)) {
    const [, name = '', value = ''] = match;
    if (secretName.test(name) && looksRandom(value)) found.push(['high-entropy value assigned to a secret name', value]);
  }
  for (const match of line.matchAll(bearer)) {
    const value = match[1] ?? '';
    if (looksRandom(value)) found.push(['bearer token', value]);
  }
  return found;
}

/** Findings in one file's text: `{ line, kind, masked }`, skipping lines the allow marker covers. */
export function scanText(text) {
  const findings = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((line, index) => {
    if (line.includes(allowMarker) || (lines[index - 1] ?? '').includes(allowMarker)) return;
    const hits = [];
    for (const [kind, pattern] of tokenShapes) {
      const match = pattern.exec(line);
      // A key block has no value to judge; any other shape may be a placeholder.
      if (match !== null && (kind === 'private key block' || !isPlaceholder(match[0]))) hits.push([kind, match[0]]);
    }
    if (hits.length === 0) hits.push(...assignedSecrets(line));
    for (const [kind, value] of hits) findings.push({ line: index + 1, kind, masked: mask(value) });
  });
  return findings;
}

function trackedFiles(root) {
  const out = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return out.split('\0').filter((path) => path !== '');
}

function readScannable(path) {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (stat === undefined || !stat.isFile() || stat.size > maxFileBytes) return undefined;
  const bytes = readFileSync(path);
  return bytes.includes(0) ? undefined : bytes.toString('utf8');
}

function main() {
  let root;
  try {
    root = execFileSync('git', ['rev-parse', '--show-toplevel'], { encoding: 'utf8' }).trim();
  } catch {
    console.error('scan-secrets: not inside a git repository');
    process.exit(2);
  }
  const files = trackedFiles(root);
  let count = 0;
  for (const file of files) {
    const text = readScannable(join(root, file));
    if (text === undefined) continue;
    for (const finding of scanText(text)) {
      count += 1;
      console.error(`${file}:${finding.line}: ${finding.kind} ${finding.masked}`);
    }
  }
  if (count > 0) {
    console.error(`scan-secrets: ${count} possible secret(s) in ${files.length} tracked files. Remove them (and rotate them),`);
    console.error(`or, for a test fixture that must look like a key, add the marker "${allowMarker}" on the line or the line above.`);
    process.exit(1);
  }
  console.log(`scan-secrets: ${files.length} tracked files, no secrets found`);
}

// Run as a script (not when imported for its functions); compared as paths, so spaces cannot break it.
if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === resolve(process.argv[1])) main();
