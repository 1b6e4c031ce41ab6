// Wire shapes of OpenAI's Responses API (https://platform.openai.com/docs/api-reference/responses)
// as far as Gatehouse speaks it: stateless, function tools only. Not the canonical form: see
// `../openai/types.ts`; translation lives in `to-chat.ts` and `from-chat.ts`.

import type { JsonValue } from '../openai/types.js';

export type ImageDetail = 'auto' | 'low' | 'high';

export interface InputTextPart { type: 'input_text'; text: string }
export interface InputImagePart { type: 'input_image'; image_url: string; detail?: ImageDetail }
/** Only inline files (`file_data`): a `file_id` or `file_url` needs OpenAI's file store or fetching. */
export interface InputFilePart { type: 'input_file'; file_data: string; filename?: string }
export interface OutputTextPart { type: 'output_text'; text: string }
export interface RefusalPart { type: 'refusal'; refusal: string }
export type InputContentPart = InputTextPart | InputImagePart | InputFilePart | OutputTextPart | RefusalPart;

export type MessageRole = 'user' | 'assistant' | 'system' | 'developer';

export interface MessageItem { type: 'message'; role: MessageRole; content: string | InputContentPart[] }
export interface FunctionCallItem { type: 'function_call'; call_id: string; name: string; arguments: string }
export interface FunctionCallOutputItem { type: 'function_call_output'; call_id: string; output: string | InputContentPart[] }
export type InputItem = MessageItem | FunctionCallItem | FunctionCallOutputItem;

export interface FunctionTool {
  type: 'function';
  name: string;
  description?: string | null;
  parameters?: Record<string, unknown> | null;
  strict?: boolean | null;
}

export type ToolChoice = 'auto' | 'none' | 'required' | { type: 'function'; name: string };

export type TextFormat =
  | { type: 'text' }
  | { type: 'json_object' }
  | { type: 'json_schema'; name: string; schema: Record<string, unknown>; description?: string; strict?: boolean | null };

export interface TextConfig { format?: TextFormat; verbosity?: 'low' | 'medium' | 'high' | null }

export type ReasoningEffort = 'none' | 'minimal' | 'low' | 'medium' | 'high' | 'xhigh';

/** A validated request: `input` normalised to items; `reasoning` items of the client already dropped. */
export interface ResponsesRequest {
  model: string;
  input: InputItem[];
  instructions: string | null;
  stream: boolean;
  tools: FunctionTool[];
  tool_choice: ToolChoice;
  text: TextConfig;
  max_output_tokens: number | null;
  temperature: number | null;
  top_p: number | null;
  parallel_tool_calls: boolean;
  reasoning_effort: ReasoningEffort | null;
  metadata: Record<string, string>;
  user: string | null;
  /** Passed to the canonical request as they are (prompt_cache_key, safety_identifier, ...). */
  passthrough: Record<string, JsonValue>;
}

export interface ResponseUsage {
  input_tokens: number;
  input_tokens_details: { cached_tokens: number };
  output_tokens: number;
  output_tokens_details: { reasoning_tokens: number };
  total_tokens: number;
}

export type ItemStatus = 'in_progress' | 'completed' | 'incomplete';

export interface OutputTextContent { type: 'output_text'; text: string; annotations: []; logprobs: [] }
export type OutputContent = OutputTextContent | RefusalPart;

export interface OutputMessage { type: 'message'; id: string; role: 'assistant'; status: ItemStatus; content: OutputContent[] }
export interface OutputFunctionCall { type: 'function_call'; id: string; call_id: string; name: string; arguments: string; status: ItemStatus }
export type OutputItem = OutputMessage | OutputFunctionCall;

export type ResponseStatus = 'in_progress' | 'completed' | 'incomplete' | 'failed';

export interface ResponseObject {
  id: string;
  object: 'response';
  created_at: number;
  status: ResponseStatus;
  error: { code: string; message: string } | null;
  incomplete_details: { reason: 'max_output_tokens' | 'content_filter' } | null;
  model: string;
  output: OutputItem[];
  usage: ResponseUsage | null;
  [echo: string]: unknown;
}
