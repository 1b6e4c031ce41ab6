// The deterministic answers of the fake Bedrock runtime: a Converse response and the same answer as
// ConverseStream events (text, or a call of the offered tool), and InvokeModel embeddings for
// Titan and Cohere. Framing and signature checks live in fake-bedrock.ts.

type Json = Record<string, unknown>;
export type FakeEvent = readonly [string, Json];

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function blocksOf(message: unknown): Json[] {
  const content = isRecord(message) ? message['content'] : undefined;
  return Array.isArray(content) ? content.filter(isRecord) : [];
}

function firstText(blocks: Json[]): string {
  for (const block of blocks) {
    if (typeof block['text'] === 'string') return block['text'];
    const result = block['toolResult'];
    if (isRecord(result)) return firstText(Array.isArray(result['content']) ? result['content'].filter(isRecord) : []);
  }
  return '';
}

/** Arguments for a tool from its schema: each required property gets a plain value of its type. */
function argumentsFor(schema: unknown): Json {
  const properties = isRecord(schema) && isRecord(schema['properties']) ? schema['properties'] : {};
  const required = isRecord(schema) && Array.isArray(schema['required']) ? schema['required'] : [];
  const args: Json = {};
  for (const name of required) {
    const type = isRecord(properties[String(name)]) ? (properties[String(name)] as Json)['type'] : 'string';
    args[String(name)] = type === 'number' || type === 'integer' ? 1 : type === 'boolean' ? true : 'Paris';
  }
  return args;
}

interface ToolPick { readonly name: string; readonly input: Json }

function toolToCall(body: Json, lastBlocks: Json[]): ToolPick | undefined {
  const config = body['toolConfig'];
  const tools = isRecord(config) && Array.isArray(config['tools']) ? config['tools'].filter(isRecord) : [];
  if (tools.length === 0 || lastBlocks.some((block) => 'toolResult' in block)) return undefined;
  const choice = isRecord(config) ? config['toolChoice'] : undefined;
  const forced = isRecord(choice) && isRecord(choice['tool']) ? choice['tool']['name'] : undefined;
  const specs = tools.map((tool) => tool['toolSpec']).filter(isRecord);
  const spec = specs.find((candidate) => candidate['name'] === forced) ?? specs[0];
  if (spec === undefined) return undefined;
  const schema = isRecord(spec['inputSchema']) ? spec['inputSchema']['json'] : undefined;
  return { name: String(spec['name']), input: argumentsFor(schema) };
}

const tokens = (text: string): number => Math.max(1, Math.ceil(text.length / 4));

export function converseAnswer(body: unknown, modelId: string): { response: Json; events: FakeEvent[] } {
  const request = isRecord(body) ? body : {};
  const messages = Array.isArray(request['messages']) ? request['messages'] : [];
  const lastBlocks = blocksOf(messages[messages.length - 1]);
  const tool = toolToCall(request, lastBlocks);
  const said = firstText(lastBlocks);
  const text = lastBlocks.some((block) => 'toolResult' in block) ? `The tool said: ${said}` : `Hello from ${modelId}: ${said.slice(0, 20)}`;
  const usage = { inputTokens: tokens(JSON.stringify(messages)), outputTokens: tokens(tool ? JSON.stringify(tool.input) : text) };
  const fullUsage = { ...usage, totalTokens: usage.inputTokens + usage.outputTokens };
  const toolUseId = `tooluse_fake${messages.length}`;
  const stopReason = tool ? 'tool_use' : 'end_turn';
  const content = tool ? [{ toolUse: { toolUseId, name: tool.name, input: tool.input } }] : [{ text }];
  const response = { output: { message: { role: 'assistant', content } }, stopReason, usage: fullUsage, metrics: { latencyMs: 42 } };
  const middle: FakeEvent[] = tool
    ? [
        ['contentBlockStart', { contentBlockIndex: 0, start: { toolUse: { toolUseId, name: tool.name } } }],
        ...splitInTwo(JSON.stringify(tool.input)).map((input): FakeEvent => ['contentBlockDelta', { contentBlockIndex: 0, delta: { toolUse: { input } } }]),
      ]
    : splitInTwo(text).map((part): FakeEvent => ['contentBlockDelta', { contentBlockIndex: 0, delta: { text: part }, p: 'abcdef' }]);
  const events: FakeEvent[] = [
    ['messageStart', { role: 'assistant', p: 'abcdefghijklmnop' }],
    ...middle,
    ['contentBlockStop', { contentBlockIndex: 0 }],
    ['messageStop', { stopReason }],
    ['metadata', { usage: fullUsage, metrics: { latencyMs: 42 } }],
  ];
  return { response, events };
}

function splitInTwo(text: string): string[] {
  const at = Math.floor(text.length / 2);
  return [text.slice(0, at), text.slice(at)];
}

/** A vector from the text's characters, so different inputs get different vectors. */
function vectorOf(text: string, size: number): number[] {
  return Array.from({ length: size }, (_, i) => ((text.charCodeAt(i % Math.max(1, text.length)) || 0) % 17) / 17);
}

export function embeddingAnswer(body: unknown, modelId: string): Json {
  const request = isRecord(body) ? body : {};
  if (modelId.includes('titan-embed')) {
    const text = String(request['inputText'] ?? '');
    const size = typeof request['dimensions'] === 'number' ? request['dimensions'] : 8;
    return { embedding: vectorOf(text, size), inputTextTokenCount: tokens(text) };
  }
  const texts = Array.isArray(request['texts']) ? request['texts'].map(String) : [];
  return { embeddings: texts.map((text) => vectorOf(text, 8)), id: 'fake-embed', response_type: 'embeddings_floats', texts };
}
