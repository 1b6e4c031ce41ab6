// What `gatehouse start` prints once it listens: where, which models, and a call that works. A
// generated master key is printed this one time only; otherwise only where it comes from.

import type { GatehouseConfig } from '../config/types.js';

export interface BannerInput {
  readonly url: string;
  readonly config: GatehouseConfig;
  readonly master: { readonly key: string; readonly source: 'configured' | 'stored' | 'generated'; readonly file?: string };
}

function keyLines(master: BannerInput['master']): string[] {
  switch (master.source) {
    case 'generated':
      return [
        `  Master key (generated, shown only now; stored in ${master.file ?? 'the data folder'}, mode 0600):`,
        `    ${master.key}`,
      ];
    case 'stored':
      return [`  Master key: read from ${master.file ?? 'the data folder'}.`];
    case 'configured':
      return ['  Master key: from GATEHOUSE_MASTER_KEY / general_settings.master_key.'];
  }
}

export function startBanner({ url, config, master }: BannerInput): string {
  const models = [...new Set(config.deployments.map((d) => d.modelName))];
  const example = models[0] ?? '<model_name>';
  const keyForExample = master.source === 'generated' ? master.key : master.source === 'stored' && master.file ? `$(cat ${master.file})` : '$GATEHOUSE_MASTER_KEY';
  const lines = [
    '',
    `Gatehouse is listening on ${url}`,
    `  OpenAI-compatible base URL: ${url}/v1`,
    `  Anthropic-compatible base URL: ${url} (ANTHROPIC_BASE_URL)`,
    `  Configuration: ${config.source ?? 'none (no gatehouse.yaml found)'}`,
    `  Models: ${models.length > 0 ? models.join(', ') : 'none configured: add a model_list to gatehouse.yaml'}`,
    ...keyLines(master),
    '',
    'Try it:',
    `  curl ${url}/v1/chat/completions \\`,
    `    -H "Authorization: Bearer ${keyForExample}" -H "Content-Type: application/json" \\`,
    `    -d '{"model":"${example}","messages":[{"role":"user","content":"Hello"}]}'`,
    '',
  ];
  return lines.join('\n') + '\n';
}
