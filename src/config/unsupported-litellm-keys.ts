// LiteLLM config keys Gatehouse does not have, per section, with the reason users see. "Ignored"
// keys are safe to skip (a warning); "refused" keys would lift a restriction if skipped (an error).
// Keys Gatehouse supports are listed by each section's parser, not here.

type Reasons = Readonly<Record<string, string>>;

const NOT_YET = 'not supported yet';
const NO_THIRD_PARTIES = 'Gatehouse never sends request data to third parties; usage is recorded in its own database';
const NO_CONTENT_LOGS = 'Gatehouse never logs or stores prompt or response content';
const OWN_LOGGING = 'Gatehouse has its own logging and never logs content';
const NO_TELEMETRY = 'Gatehouse has no telemetry and opens no connection of its own';
const NO_CACHE = 'response caching is not supported yet';
const KEYS_IN_DB = 'virtual keys and their limits are managed through the admin API';

function same(reason: string, keys: readonly string[]): Reasons {
  return Object.fromEntries(keys.map((key) => [key, reason]));
}

export const topLevelIgnored: Reasons = {
  callback_settings: NO_THIRD_PARTIES,
  credential_list: `${NOT_YET}; give each deployment its own api_key`,
  ...same(NOT_YET, [
    'mcp_servers', 'assistant_settings', 'files_settings', 'finetune_settings', 'vector_store_registry', 'search_tools',
    'prompts',
  ]),
};

export const topLevelRefused: Reasons = {
  include: "the included files' deployments would be missing; merge them into this file",
  guardrails: 'requests would pass without the configured guardrails',
};

export const routerSettingsIgnored: Reasons = {
  ...same(NO_CACHE, ['cache_responses', 'cache_kwargs', 'caching_groups']),
  ...same(OWN_LOGGING, ['set_verbose', 'debug_level']),
  ...same(NOT_YET, [
    'model_group_alias', 'routing_strategy_args', 'client_ttl', 'default_litellm_params', 'retry_policy',
    'allowed_fails_policy', 'model_group_retry_policy', 'default_max_parallel_requests', 'default_priority',
    'polling_interval', 'enable_tag_filtering', 'tag_filtering_match_any', 'optional_pre_call_checks',
    'deployment_affinity_ttl_seconds', 'ignore_invalid_deployments', 'search_tools', 'routing_groups',
    'alerting_config', 'assistants_config', 'router_general_settings', 'enable_pre_call_check',
  ]),
};

export const routerSettingsRefused: Reasons = {
  provider_budget_config: 'the provider spending limits it sets would be lifted',
  guardrail_list: 'requests would pass without the configured guardrails',
};

export const litellmSettingsIgnored: Reasons = {
  ...same(NO_THIRD_PARTIES, [
    'callbacks', 'success_callback', 'failure_callback', 'service_callback', 'service_callbacks', 'input_callback',
    'langfuse_default_tags', 'redact_user_api_key_info',
  ]),
  turn_off_message_logging: NO_CONTENT_LOGS,
  ...same(OWN_LOGGING, ['set_verbose', 'json_logs', 'suppress_debug_info']),
  telemetry: NO_TELEMETRY,
  ...same(NO_CACHE, ['cache', 'cache_params']),
  ssl_verify: 'Gatehouse always verifies upstream TLS certificates',
  ...same(KEYS_IN_DB, [
    'default_key_generate_params', 'default_team_settings', 'public_teams', 'default_internal_user_params',
    'internal_user_budget_duration',
  ]),
  ...same(NOT_YET, [
    'force_ipv4', 'modify_params', 'enable_preview_features', 'mcp_aliases', 'disable_end_user_cost_tracking',
    'disable_end_user_cost_tracking_prometheus_only', 'disable_add_transform_inline_image_block',
    'disable_hf_tokenizer_download', 'enable_json_schema_validation', 'use_chat_completions_url_for_anthropic_messages',
    'disable_copilot_system_to_assistant', 'enable_key_alias_format_validation', 'return_response_headers',
    'max_parallel_requests', 'global_max_parallel_requests', 'model_alias_map', 'add_function_to_prompt',
    'context_window_fallback_dict',
  ]),
};

export const litellmSettingsRefused: Reasons = {
  ...same('the spending limit it sets would be lifted', [
    'max_budget', 'max_end_user_budget', 'max_internal_user_budget', 'tag_budget_config',
  ]),
  key_generation_settings: 'the restriction on who may create keys would be lifted',
  upperbound_key_generate_params: 'the limits on the keys users may create would be lifted',
  guardrails: 'requests would pass without the configured guardrails',
};

export const generalSettingsIgnored: Reasons = {
  store_prompts_in_spend_logs: NO_CONTENT_LOGS,
  allow_client_side_credentials: 'request bodies may never carry credentials or endpoints; each deployment has its own',
  disable_master_key_return: 'no API ever returns the master key',
  ...same(NOT_YET, [
    'alerting', 'alerting_threshold', 'alerting_args', 'alert_types', 'alert_to_webhook_url', 'spend_report_frequency',
    'store_model_in_db', 'supported_db_objects', 'disable_adding_master_key_hash_to_db', 'custom_key_generate',
    'user_api_key_cache_ttl',
    'completion_model', 'embedding_model', 'image_generation_model', 'moderation_model', 'forward_client_headers_to_llm_api',
    'forward_openai_org_id', 'disable_spend_logs', 'disable_spend_updates', 'disable_retry_on_max_parallel_request_limit_error',
    'disable_reset_budget', 'disable_responses_id_security', 'enable_jwt_auth', 'litellm_jwtauth', 'key_management_system',
    'key_management_settings', 'use_azure_key_vault', 'use_google_kms', 'maximum_spend_logs_retention_period',
    'maximum_spend_logs_retention_interval', 'user_mcp_management_mode', 'database_connection_pool_limit',
    'database_connection_timeout', 'allow_requests_on_db_unavailable', 'custom_auth', 'custom_sso', 'infer_model_from_keys',
    'background_health_checks', 'health_check_interval', 'health_check_details', 'use_client_credentials_pass_through_routes',
    'public_routes', 'enable_oauth2_auth', 'enable_oauth2_proxy_auth', 'oauth2_config_mappings',
    'service_account_settings', 'proxy_budget_rescheduler_min_time', 'proxy_budget_rescheduler_max_time',
    'proxy_batch_write_at', 'proxy_batch_polling_interval', 'allow_user_auth', 'disable_prisma_schema_update',
    'litellm_key_header_name', 'litellm_license', 'pass_through_endpoints',
    'max_parallel_requests', 'global_max_parallel_requests',
  ]),
};

export const generalSettingsRefused: Reasons = {
  use_x_forwarded_for: 'the proxies whose X-Forwarded-For is believed must be named: set gatehouse.server.trusted_proxies',
  ...same('keys could reach routes it forbids', ['allowed_routes', 'admin_only_routes']),
  ...same('requests would skip the checks it enforces', [
    'enforced_params', 'enforce_user_param', 'reject_clientside_metadata_tags',
  ]),
  ui_access_mode: 'the admin console restriction it sets would be lifted',
  default_team_disabled: 'the restriction on personal keys would be lifted',
};
