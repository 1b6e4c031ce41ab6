// Release check: `npm audit --audit-level=high` over the lockfile. When the registry cannot answer
// audits (a mirror that refuses the endpoint, no network), it says so plainly and exits 0 with a
// warning: nothing was checked, which is not the same as a pass. Plain Node, no dependencies.
//
// Usage: npm run audit

import { spawnSync } from 'node:child_process';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const networkCodes = new Set(['ENOTFOUND', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EAI_AGAIN', 'ENETUNREACH']);

function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Why the registry gave no audit answer, or undefined when it did. */
function unavailableReason(report) {
  if (report === undefined || report === null || typeof report !== 'object') return undefined;
  if (report.metadata?.vulnerabilities !== undefined) return undefined;
  if (typeof report.statusCode === 'number') return report.message ?? `HTTP ${report.statusCode} from the audit endpoint`;
  const code = report.error?.code ?? report.code;
  if (typeof code === 'string' && networkCodes.has(code)) return `${code}: the registry could not be reached`;
  return undefined;
}

function summarise(report) {
  const counts = report.metadata.vulnerabilities;
  const line = ['critical', 'high', 'moderate', 'low', 'info'].map((level) => `${counts[level] ?? 0} ${level}`).join(', ');
  console.log(`npm audit: ${line} (${report.metadata.dependencies?.total ?? '?'} dependencies)`);
  for (const [name, entry] of Object.entries(report.vulnerabilities ?? {})) {
    if (entry.severity !== 'high' && entry.severity !== 'critical') continue;
    const titles = (entry.via ?? []).filter((via) => typeof via === 'object').map((via) => `${via.title} ${via.url ?? ''}`.trim());
    console.log(`  ${entry.severity}: ${name} ${entry.range ?? ''} ${titles.join('; ')}`.trimEnd());
  }
}

const result = spawnSync(npm, ['audit', '--audit-level=high', '--json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
if (result.error !== undefined) {
  console.error(`npm-audit: could not run npm: ${result.error.message}`);
  process.exit(2);
}
const report = parseJson(result.stdout);
const unavailable = unavailableReason(report);
if (unavailable !== undefined) {
  console.warn(`warning: npm audit could not run: the registry refused or did not answer the audit endpoint (${unavailable}).`);
  console.warn('warning: no advisories were checked. Run `npm run audit` where the audit endpoint of the registry is reachable.');
  process.exit(0);
}
if (report?.metadata?.vulnerabilities === undefined) {
  process.stderr.write(result.stderr);
  process.stdout.write(result.stdout);
  console.error(`npm-audit: npm audit failed (exit ${result.status ?? 'unknown'}) without a report`);
  process.exit(result.status ?? 1);
}
summarise(report);
process.exit(result.status ?? 1);
