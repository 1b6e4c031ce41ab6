// Reads LiteLLM's `model_list` into deployments and checks what spans entries: unique ids.
// Each entry's own rules live in parse-deployment.ts.

import type { ConfigReader } from './config-reader.js';
import { parseDeployment } from './parse-deployment.js';
import type { DeploymentConfig } from './types.js';

export function parseModelList(reader: ConfigReader, value: unknown): DeploymentConfig[] {
  const entries = reader.list(value, 'model_list') ?? [];
  const deployments: DeploymentConfig[] = [];
  const firstIndexOfId = new Map<string, number>();
  entries.forEach((entry, index) => {
    const deployment = parseDeployment(reader, entry, index);
    if (deployment === undefined) return;
    const first = firstIndexOfId.get(deployment.id);
    if (first === undefined) {
      firstIndexOfId.set(deployment.id, index);
      deployments.push(deployment);
    } else {
      reader.problem(`model_list[${index}].model_info.id`, `duplicate deployment id "${deployment.id}" (also used by model_list[${first}])`);
    }
  });
  return deployments;
}
