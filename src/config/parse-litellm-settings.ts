// Reads LiteLLM's `litellm_settings` section: retries, timeout, fallbacks and drop_params. The
// many LiteLLM features Gatehouse deliberately lacks (callbacks, telemetry, ...) earn warnings.

import type { ConfigReader } from './config-reader.js';
import { readRouterSettings, type RouterSettingKey, type RouterSettings } from './router-settings.js';
import { litellmSettingsIgnored, litellmSettingsRefused } from './unsupported-litellm-keys.js';

const SECTION = 'litellm_settings';
const ROUTER_KEYS: readonly RouterSettingKey[] = [
  'num_retries', 'request_timeout', 'fallbacks', 'context_window_fallbacks', 'content_policy_fallbacks', 'default_fallbacks',
];

export interface LitellmSettings {
  readonly router: RouterSettings;
  readonly dropParams: boolean | undefined;
}

export function parseLitellmSettings(reader: ConfigReader, value: unknown): LitellmSettings {
  const section = reader.map(value, SECTION);
  if (section === undefined) return { router: {}, dropParams: undefined };
  const supported = [...ROUTER_KEYS, 'drop_params'];
  reader.checkKeys(section, SECTION, { supported, ignored: litellmSettingsIgnored, refused: litellmSettingsRefused });
  return {
    router: readRouterSettings(reader, section, SECTION, ROUTER_KEYS),
    dropParams: reader.boolean(section.drop_params, `${SECTION}.drop_params`),
  };
}
