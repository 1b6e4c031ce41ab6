// Runs every compiled test file (dist/test/**/*.test.js) with node's built-in test runner.
// Usage: node scripts/run-tests.mjs [path-prefix ...]  (e.g. test/router to run one area)

import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const testRoot = join(root, 'dist', 'test');

function findTests(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return findTests(path);
    return entry.name.endsWith('.test.js') ? [path] : [];
  });
}

const prefixes = process.argv.slice(2).map((p) => p.replace(/^\.\//, '').replace(/^dist\//, ''));
const files = findTests(testRoot)
  .filter((file) => prefixes.length === 0 || prefixes.some((p) => relative(join(root, 'dist'), file).startsWith(p)))
  .sort();
if (files.length === 0) {
  console.error('No test files found: run "npm run build" first.');
  process.exit(1);
}
const result = spawnSync(process.execPath, ['--test', '--test-concurrency=2', '--test-timeout=120000', ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
