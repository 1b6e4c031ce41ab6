// Reads LiteLLM's `router_settings` section: the keys Gatehouse's router honours, warnings for
// the LiteLLM keys it does not have, errors for anything else. The `redis_*` keys are read by
// parse-redis-settings.ts.

import type { ConfigReader } from './config-reader.js';
import { redisSettingKeys } from './parse-redis-settings.js';
import { readRouterSettings, type RouterSettingKey, type RouterSettings } from './router-settings.js';
import { routerSettingsIgnored, routerSettingsRefused } from './unsupported-litellm-keys.js';

const SECTION = 'router_settings';
/** In reading order: `disable_cooldowns` comes after `cooldown_time` so that it wins. */
const ROUTER_KEYS: readonly RouterSettingKey[] = [
  'routing_strategy', 'num_retries', 'timeout', 'stream_timeout', 'allowed_fails', 'cooldown_time',
  'disable_cooldowns', 'retry_after', 'max_fallbacks', 'fallbacks', 'context_window_fallbacks',
  'content_policy_fallbacks', 'default_fallbacks', 'enable_pre_call_checks',
];

export function parseRouterSettings(reader: ConfigReader, value: unknown): RouterSettings {
  const section = reader.map(value, SECTION);
  if (section === undefined) return {};
  reader.checkKeys(section, SECTION, { supported: [...ROUTER_KEYS, ...redisSettingKeys], ignored: routerSettingsIgnored, refused: routerSettingsRefused });
  return readRouterSettings(reader, section, SECTION, ROUTER_KEYS);
}
