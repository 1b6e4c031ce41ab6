// Enforces the folder table of the architecture: reads every TypeScript file under src/, finds its
// relative imports, and fails when a folder imports one it may not (or reaches into ui/, test/ or
// bench/). Plain Node, no dependencies; package imports are not its concern (see eslint.config.js).

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const everything = Symbol('everything');

/** Folder under src/ -> the folders it may import besides itself and errors/. Arrows point down. */
const allowedImports = {
  config: [],
  wire: ['errors'],
  providers: ['wire', 'errors'],
  upstream: ['errors'],
  router: ['config', 'providers', 'upstream', 'wire', 'errors'],
  crypto: [],
  store: ['errors'],
  'shared-state': [],
  auth: ['store', 'crypto', 'config', 'errors'],
  usage: ['store', 'shared-state', 'config', 'wire', 'errors'],
  audit: ['store', 'crypto', 'errors'],
  server: everything,
  cli: everything,
  errors: [],
};

/** Top-level folders outside src/ that no source file may import from. */
const forbiddenOutside = ['ui', 'test', 'bench'];

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const srcRoot = join(root, 'src');

function listSourceFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return listSourceFiles(path);
    return /\.[cm]?tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** Blanks out comments (keeping newlines) so commented-out imports neither count nor shift lines. */
function stripComments(source) {
  let out = '';
  let quote = null;
  for (let i = 0; i < source.length; i++) {
    const char = source[i];
    const next = source[i + 1];
    if (quote !== null) {
      out += char;
      if (char === '\\') out += source[++i] ?? '';
      // Only template literals span lines; ending other quotes here bounds a misread regex literal.
      else if (char === quote || (char === '\n' && quote !== '`')) quote = null;
    } else if (char === '/' && next === '/') {
      while (i < source.length && source[i] !== '\n') i++;
      out += '\n';
    } else if (char === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      const stop = end === -1 ? source.length : end + 2;
      out += source.slice(i, stop).replace(/[^\n]/g, ' ');
      i = stop - 1;
    } else {
      if (char === '"' || char === "'" || char === '`') quote = char;
      out += char;
    }
  }
  return out;
}

const importPatterns = [
  /\bfrom\s*(['"])(\.{1,2}(?:\/[^'"]*)?)\1/g, // import ... from, export ... from
  /\bimport\s*(['"])(\.{1,2}(?:\/[^'"]*)?)\1/g, // import './side-effect.js'
  /\bimport\s*\(\s*(['"])(\.{1,2}(?:\/[^'"]*)?)\1/g, // import('./lazy.js')
];

function relativeImports(source) {
  const code = stripComments(source);
  return importPatterns
    .flatMap((pattern) =>
      [...code.matchAll(pattern)].map((match) => ({
        specifier: match[2],
        line: code.slice(0, match.index).split('\n').length,
      })),
    )
    .sort((a, b) => a.line - b.line);
}

/** The first folder of a path relative to the repository root, and the folder under src/. */
function locate(absolutePath) {
  const parts = relative(root, absolutePath).split(sep);
  if (parts[0] !== 'src') return { top: parts[0], folder: null };
  return { top: 'src', folder: parts.length > 2 ? parts[1] : '(src root)' };
}

function checkImport(fromFolder, target) {
  if (target.top !== 'src') {
    return forbiddenOutside.includes(target.top) ? `src may not import ${target.top}/` : null;
  }
  const toFolder = target.folder;
  if (toFolder === fromFolder || toFolder === 'errors') return null;
  const allowed = allowedImports[fromFolder];
  if (allowed === everything || allowed.includes(toFolder)) return null;
  const list = allowed.length === 0 ? 'only itself and errors' : [...allowed].join(', ');
  return `${fromFolder} -> ${toFolder} (${fromFolder} may import: ${list})`;
}

const files = listSourceFiles(srcRoot).sort();
const violations = [];
let importCount = 0;
for (const file of files) {
  const shown = relative(root, file).split(sep).join('/');
  const fromFolder = locate(file).folder;
  if (!Object.hasOwn(allowedImports, fromFolder)) {
    const where = fromFolder === '(src root)' ? 'a file directly under src/' : `src/${fromFolder}/`;
    violations.push(`${shown}:1: ${where} is not in the layer table of scripts/check-layers.mjs`);
    continue;
  }
  for (const { specifier, line } of relativeImports(readFileSync(file, 'utf8'))) {
    importCount++;
    const problem = checkImport(fromFolder, locate(resolve(dirname(file), specifier)));
    if (problem !== null) violations.push(`${shown}:${line}: ${problem} via '${specifier}'`);
  }
}

for (const violation of violations) console.error(violation);
console.log(
  `check-layers: ${files.length} files, ${importCount} relative imports, ${violations.length} forbidden ${violations.length === 1 ? 'edge' : 'edges'}`,
);
process.exit(violations.length === 0 ? 0 : 1);
