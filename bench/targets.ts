// How each target of the comparison is started, addressed and stopped: the fake upstream itself
// (the direct path), the bare pass-through, the Portkey gateway and Gatehouse. Loading and judging
// them live in measure.ts and report.ts.

import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { request } from 'undici';
import { spawnManaged } from './child-processes.js';
import type { ManagedChild } from './child-processes.js';
import { benchModels, requestBody, responseProblem, scenarios } from './scenarios.js';

/** `gatehouse-key`: Gatehouse called with a virtual key (admission, budget and rate-limit counters, usage on). */
export const targetNames = ['direct', 'passthrough', 'portkey', 'gatehouse', 'gatehouse-key'] as const;
export type TargetName = (typeof targetNames)[number];

export interface Target {
  readonly name: TargetName;
  /** The chat completions URL clients call. */
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  /** The process whose CPU and memory are charged to this target (the upstream for `direct`). */
  readonly pid: number;
  readonly child: ManagedChild | undefined;
}

export interface TargetContext {
  readonly repoRoot: string;
  readonly workDir: string;
  readonly upstreamPort: number;
  readonly upstreamPid: number;
  readonly proxyCpu: number | undefined;
  /** When set, each proxy runs under `node --cpu-prof` writing into `<profileDir>/<target>`. */
  readonly profileDir: string | undefined;
}

const readyTimeoutMs = 30_000;
const benchMasterKey = 'sk-gatehouse-bench-master-key-0123456789';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Starts the fake upstream on `cpu` and waits until it answers. */
export async function startFakeUpstream(options: { readonly repoRoot: string; readonly cpu: number | undefined }): Promise<{ child: ManagedChild; port: number }> {
  const port = await freePort();
  const child = spawnManaged({
    name: 'fake-upstream',
    command: process.execPath,
    args: [join(options.repoRoot, 'dist/bench/fake-upstream.js'), `--port=${port}`],
    cpu: options.cpu,
  });
  const direct: Target = { name: 'direct', url: `http://127.0.0.1:${port}/v1/chat/completions`, headers: {}, pid: child.pid, child };
  await waitUntilReady(direct, child);
  return { child, port };
}

/** Starts `name` and waits until it answers a chat completion correctly. */
export async function startTarget(name: TargetName, context: TargetContext): Promise<Target> {
  const upstream = `http://127.0.0.1:${context.upstreamPort}`;
  if (name === 'direct') {
    return { name, url: `${upstream}/v1/chat/completions`, headers: {}, pid: context.upstreamPid, child: undefined };
  }
  const port = await freePort();
  const launch = launchCommand(name, context, port);
  const child = spawnManaged({ name, command: process.execPath, ...launch, cwd: context.repoRoot, cpu: context.proxyCpu });
  const target: Target = { name, url: `http://127.0.0.1:${port}/v1/chat/completions`, headers: launch.headers, pid: child.pid, child };
  await waitUntilReady(target, child);
  if (name !== 'gatehouse-key') return target;
  const keyed: Target = { ...target, headers: { authorization: `Bearer ${await mintBenchKey(port)}` } };
  await waitUntilReady(keyed, child);
  return keyed;
}

/**
 * A virtual key with a budget and limits far above what the bench can spend, so every request runs
 * the whole admission path (budget reservation, rpm/tpm/parallel counters) and is never refused.
 */
async function mintBenchKey(port: number): Promise<string> {
  const answer = await request(`http://127.0.0.1:${port}/key/generate`, {
    method: 'POST',
    headers: { authorization: `Bearer ${benchMasterKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ key_alias: 'bench', max_budget: 1_000_000, rpm_limit: 1_000_000_000, tpm_limit: 1_000_000_000_000, max_parallel_requests: 100_000 }),
  });
  const body = (await answer.body.json()) as { key?: unknown };
  if (answer.statusCode !== 200 || typeof body.key !== 'string') throw new Error(`could not mint a bench key: ${answer.statusCode} ${JSON.stringify(body)}`);
  return body.key;
}

interface Launch {
  readonly args: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  readonly headers: Readonly<Record<string, string>>;
}

function launchCommand(name: Exclude<TargetName, 'direct'>, context: TargetContext, port: number): Launch {
  const upstream = `http://127.0.0.1:${context.upstreamPort}`;
  const nodeArgs = context.profileDir === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${join(context.profileDir, name)}`];
  switch (name) {
    case 'passthrough':
      return {
        args: [...nodeArgs, join(context.repoRoot, 'dist/bench/passthrough-proxy.js'), `--port=${port}`, `--upstream=${upstream}`],
        env: process.env,
        headers: {},
      };
    case 'portkey':
      return {
        args: [...nodeArgs, join(context.repoRoot, 'node_modules/@portkey-ai/gateway/build/start-server.js'), `--port=${port}`, '--headless'],
        env: process.env,
        headers: { 'x-portkey-provider': 'openai', 'x-portkey-custom-host': `${upstream}/v1`, authorization: 'Bearer sk-bench' },
      };
    case 'gatehouse':
    case 'gatehouse-key':
      return {
        args: [...nodeArgs, join(context.repoRoot, 'dist/src/cli/main.js'), 'start', '--config', writeGatehouseConfig(context), '--port', String(port)],
        env: { ...process.env, GATEHOUSE_MASTER_KEY: benchMasterKey, GATEHOUSE_DATA_DIR: join(context.workDir, `${name}-data`) },
        headers: { authorization: `Bearer ${benchMasterKey}` },
      };
  }
}

/** One deployment per scenario model, each forwarding the same model name to the fake upstream. */
function writeGatehouseConfig(context: TargetContext): string {
  const deployments = benchModels.map((model) => {
    // Anthropic's base has no `/v1`: the adapter adds `/v1/messages`.
    const target = model.startsWith('bench-anthropic-')
      ? `model: anthropic/${model}, api_base: http://127.0.0.1:${context.upstreamPort}`
      : `model: openai/${model}, api_base: http://127.0.0.1:${context.upstreamPort}/v1`;
    return [`  - model_name: ${model}`, `    litellm_params: { ${target}, api_key: sk-bench }`].join('\n');
  });
  const file = join(context.workDir, 'gatehouse.yaml');
  // The fake upstream is on loopback, which Gatehouse's egress policy refuses unless allowed by name.
  const egress = `gatehouse: { egress: { allow_private_hosts: ["127.0.0.1:${context.upstreamPort}"] } }`;
  writeFileSync(file, ['model_list:', ...deployments, 'router_settings: { num_retries: 0 }', egress, ''].join('\n'));
  return file;
}

async function waitUntilReady(target: Target, child: ManagedChild): Promise<void> {
  const deadline = Date.now() + readyTimeoutMs;
  const probe = scenarios[0];
  if (probe === undefined) return;
  let lastProblem = 'no answer';
  while (Date.now() < deadline) {
    if (child.hasExited()) throw new Error(`${target.name} exited while starting:\n${child.output().slice(-3000)}`);
    const answer = await sendOnce(target, requestBody(probe)).catch((error: unknown) => ({ status: 0, body: String(error) }));
    lastProblem = responseProblem(probe, answer.status, answer.body) ?? '';
    if (lastProblem === '') return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${target.name} was not ready within ${readyTimeoutMs} ms (${lastProblem}):\n${child.output().slice(-3000)}`);
}

/** One request to `target`, body read whole. */
export async function sendOnce(target: Target, body: string): Promise<{ status: number; body: string }> {
  const response = await request(target.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...target.headers },
    body,
    headersTimeout: 10_000,
    bodyTimeout: 10_000,
  });
  return { status: response.statusCode, body: await response.body.text() };
}
