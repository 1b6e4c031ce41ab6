// Resolved deployments for provider tests: a complete object with overridable fields.

import type { ResolvedDeployment } from '../../src/providers/types.js';

export function deploymentOf(overrides: Partial<ResolvedDeployment> = {}): ResolvedDeployment {
  return {
    id: 'dep-1',
    modelName: 'gpt-4o-mini',
    provider: 'openai',
    model: 'gpt-4o-mini-2024-07-18',
    apiBase: undefined,
    apiKey: 'sk-proj-deploymentkey0123456789',
    apiVersion: undefined,
    region: undefined,
    headers: {},
    extraParams: {},
    ...overrides,
  };
}

export const nonStream = { stream: false, includeUsage: false, dropParams: false } as const;
export const streamWithUsage = { stream: true, includeUsage: true, dropParams: false } as const;
