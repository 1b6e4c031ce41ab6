// Bedrock Converse wire shapes, as far as Gatehouse reads or writes them: request, response, and the
// payloads of ConverseStream events. Translation lives in the request, response and stream modules.
// https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html

export type ConverseImageFormat = 'png' | 'jpeg' | 'gif' | 'webp';

export interface ConverseToolUse {
  toolUseId: string;
  name: string;
  input: unknown;
}

export type ConverseToolResultContent = { text: string } | { json: unknown };

export interface ConverseToolResult {
  toolUseId: string;
  content: ConverseToolResultContent[];
  status?: 'success' | 'error';
}

export interface ConverseReasoning {
  reasoningText?: { text: string; signature?: string };
  redactedContent?: string;
}

export type ConverseContentBlock =
  | { text: string }
  | { image: { format: ConverseImageFormat; source: { bytes: string } } }
  | { toolUse: ConverseToolUse }
  | { toolResult: ConverseToolResult }
  | { reasoningContent: ConverseReasoning };

export interface ConverseMessage {
  role: 'user' | 'assistant';
  content: ConverseContentBlock[];
}

export type ConverseToolChoice = { auto: Record<string, never> } | { any: Record<string, never> } | { tool: { name: string } };

export interface ConverseToolSpec {
  toolSpec: { name: string; description?: string; inputSchema: { json: unknown } };
}

export interface ConverseToolConfig {
  tools: ConverseToolSpec[];
  toolChoice?: ConverseToolChoice;
}

export interface ConverseInferenceConfig {
  maxTokens?: number;
  temperature?: number;
  topP?: number;
  stopSequences?: string[];
}

export interface ConverseRequest {
  messages: ConverseMessage[];
  system?: { text: string }[];
  inferenceConfig?: ConverseInferenceConfig;
  toolConfig?: ConverseToolConfig;
  additionalModelRequestFields?: Record<string, unknown>;
}

export interface ConverseUsage {
  inputTokens: number;
  outputTokens: number;
  totalTokens?: number;
  cacheReadInputTokens?: number;
  cacheWriteInputTokens?: number;
}

export type ConverseStopReason =
  | 'end_turn' | 'tool_use' | 'max_tokens' | 'stop_sequence' | 'guardrail_intervened' | 'content_filtered'
  | 'model_context_window_exceeded';

export interface ConverseResponse {
  output: { message: ConverseMessage };
  stopReason: ConverseStopReason | string;
  usage?: ConverseUsage;
}

/** The forced tool that carries a `response_format` answer; LiteLLM's name, so answers read the same. */
export const jsonToolName = 'json_tool_call';
