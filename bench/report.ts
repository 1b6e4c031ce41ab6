// Renders one run as plain-text tables: the figures per scenario, the ratios against the direct
// path and the pass-through, Gatehouse against Portkey, and the goals. Computing them is elsewhere.

import type { Figures } from './figures.js';
import { ratiosFor } from './figures.js';
import type { GoalResult } from './goals.js';
import type { Measurement } from './measure.js';
import type { Scenario } from './scenarios.js';
import { targetNames } from './targets.js';
import type { TargetName } from './targets.js';

const dash = '–';

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}

const ms = (us: number | undefined): string => (us === undefined ? dash : (us / 1000).toFixed(3));
const whole = (value: number | undefined): string => (value === undefined ? dash : Math.round(value).toLocaleString('en-US'));
const times = (value: number | undefined): string => (value === undefined ? dash : `${value.toFixed(2)}x`);
const signedMs = (us: number | undefined): string => (us === undefined ? dash : `${us >= 0 ? '+' : ''}${(us / 1000).toFixed(3)} ms`);

function figuresTable(figures: ReadonlyMap<string, Figures>, scenario: Scenario, targets: readonly TargetName[]): string {
  const rows = targets.flatMap((target) => {
    const entry = figures.get(`${target}/${scenario.name}`);
    if (entry === undefined) return [];
    const label = target === 'direct' ? 'direct (upstream process)' : target;
    return [
      [
        label,
        whole(entry.requestsPerSecond),
        ms(entry.p50Us),
        ms(entry.p99Us),
        ms(entry.ttfbP50Us),
        ms(entry.ttfbP99Us),
        whole(entry.cpuUsPerRequest),
        scenario.contentChunks > 0 && entry.cpuUsPerRequest !== undefined ? (entry.cpuUsPerRequest / scenario.contentChunks).toFixed(1) : dash,
        entry.otherLoadPercent === undefined ? dash : `${entry.otherLoadPercent.toFixed(0)}%`,
        entry.peakRssMb === undefined ? dash : entry.peakRssMb.toFixed(0),
        whole(entry.errors),
      ],
    ];
  });
  const header = ['target', 'req/s', 'p50 ms', 'p99 ms', 'TTFB p50', 'TTFB p99', 'CPU µs/req', 'CPU µs/chunk', 'other load', 'peak RSS MB', 'errors'];
  return table(header, rows);
}

function ratiosTable(figures: ReadonlyMap<string, Figures>, scenarios: readonly Scenario[]): string {
  const rows = scenarios.flatMap((scenario) =>
    targetNames
      .filter((target) => target !== 'direct')
      .flatMap((target) => {
        const ratios = ratiosFor(figures, target, scenario.name);
        if (ratios === undefined) return [];
        return [
          [
            `${scenario.name} ${target}`,
            times(ratios.throughputVsDirect),
            times(ratios.throughputVsPassthrough),
            signedMs(ratios.addedP50Us),
            signedMs(ratios.addedTtfbP50Us),
            times(ratios.cpuVsPassthrough),
          ],
        ];
      }),
  );
  return table(['scenario / target', 'req/s vs direct', 'req/s vs pass-through', 'added p50', 'added TTFB p50', 'CPU/req vs pass-through'], rows);
}

function gatehouseVsPortkey(figures: ReadonlyMap<string, Figures>, scenarios: readonly Scenario[]): string {
  const rows = scenarios.flatMap((scenario) => {
    const gatehouse = figures.get(`gatehouse/${scenario.name}`);
    const portkey = figures.get(`portkey/${scenario.name}`);
    if (gatehouse === undefined || portkey === undefined) return [];
    const cpu = gatehouse.cpuUsPerRequest !== undefined && portkey.cpuUsPerRequest ? gatehouse.cpuUsPerRequest / portkey.cpuUsPerRequest : undefined;
    return [[scenario.name, times(gatehouse.requestsPerSecond / portkey.requestsPerSecond), times(cpu)]];
  });
  return rows.length === 0 ? '(needs both gatehouse and portkey)' : table(['scenario', 'Gatehouse/Portkey req/s', 'Gatehouse/Portkey CPU/req'], rows);
}

export interface ReportInput {
  readonly figures: ReadonlyMap<string, Figures>;
  readonly scenarios: readonly Scenario[];
  readonly targets: readonly TargetName[];
  readonly failures: readonly Measurement[];
  readonly goals: readonly GoalResult[];
}

export function formatReport(input: ReportInput): string {
  const sections = input.scenarios.map((scenario) => {
    const tool = [...input.figures.values()].find((entry) => entry.scenario === scenario.name)?.tool ?? dash;
    return `== ${scenario.name}: ${scenario.title} (load: ${tool}) ==\n${figuresTable(input.figures, scenario, input.targets)}`;
  });
  const failures = input.failures.map((failure) => `  ${failure.target}/${failure.scenario} round ${failure.round}: ${failure.failure ?? ''}`);
  const goalRows = input.goals.map((goal) => [goal.goal, goal.measured, goal.contended ? `${goal.verdict}*` : goal.verdict]);
  const contendedNote = input.goals.some((goal) => goal.contended)
    ? '\n* measured while other processes used much of the proxy\'s core (see "other load"): run again on a quieter machine'
    : '';
  const goals = table(['goal (Gatehouse)', 'measured', 'verdict'], goalRows) + contendedNote;
  return [
    ...sections,
    `== ratios (same run; added = minus the direct path) ==\n${ratiosTable(input.figures, input.scenarios)}`,
    `== Gatehouse against Portkey ==\n${gatehouseVsPortkey(input.figures, input.scenarios)}`,
    `== goals (a report, not a test) ==\n${goals}`,
    ...(failures.length === 0 ? [] : [`== failures ==\n${failures.join('\n')}`]),
    '',
  ].join('\n\n');
}
