// The workloads every target runs, and the check that a target answers one of them correctly
// before it is measured (a fast wrong answer must not count as throughput).

export interface Scenario {
  readonly name: string;
  readonly title: string;
  /** The model name doubles as the fake upstream's instruction (see fake-upstream.ts). */
  readonly model: string;
  readonly stream: boolean;
  readonly connections: number;
  /** Content chunks a correct stream carries. */
  readonly contentChunks: number;
  /** Needs time to first byte, so it always runs on the built-in generator. */
  readonly needsTtfb: boolean;
}

export const scenarios: readonly Scenario[] = [
  { name: 'chat-1c', title: 'non-streaming, 1 connection', model: 'bench-chat', stream: false, connections: 1, contentChunks: 0, needsTtfb: false },
  { name: 'chat-50c', title: 'non-streaming, 50 connections', model: 'bench-chat', stream: false, connections: 50, contentChunks: 0, needsTtfb: false },
  { name: 'stream-50', title: '50-chunk stream, 50 connections', model: 'bench-stream-50', stream: true, connections: 50, contentChunks: 50, needsTtfb: false },
  // Gatehouse serves this model from an Anthropic deployment (the OpenAI client's stream is translated);
  // the other targets forward the same stream in OpenAI's frames, so their figures are the untranslated baseline.
  { name: 'stream-50-anthropic', title: '50-chunk stream, OpenAI client, Anthropic upstream, 50 connections', model: 'bench-anthropic-stream-50', stream: true, connections: 50, contentChunks: 50, needsTtfb: false },
  { name: 'paced', title: '20 chunks 10 ms apart, 10 connections', model: 'bench-paced-20x10', stream: true, connections: 10, contentChunks: 20, needsTtfb: true },
];

/** The models a gateway must route for these scenarios. */
export const benchModels: readonly string[] = [...new Set(scenarios.map((scenario) => scenario.model))];

export function requestBody(scenario: Scenario): string {
  return JSON.stringify({
    model: scenario.model,
    messages: [{ role: 'user', content: 'Reply with a short greeting.' }],
    max_tokens: 64,
    ...(scenario.stream ? { stream: true, stream_options: { include_usage: true } } : {}),
  });
}

/** Why a response is not what the scenario expects, or undefined when it is. */
export function responseProblem(scenario: Scenario, status: number, body: string): string | undefined {
  if (status !== 200) return `status ${status}: ${body.slice(0, 300)}`;
  if (!scenario.stream) {
    try {
      const parsed = JSON.parse(body) as { choices?: { message?: { content?: unknown } }[] };
      return typeof parsed.choices?.[0]?.message?.content === 'string' ? undefined : `no message content: ${body.slice(0, 300)}`;
    } catch {
      return `not JSON: ${body.slice(0, 300)}`;
    }
  }
  const events = body
    .split(/\r?\n\r?\n/)
    .map((event) => event.replace(/^data: ?/, '').trim())
    .filter((data) => data.length > 0);
  if (events.at(-1) !== '[DONE]') return `stream does not end with [DONE]: ${body.slice(-300)}`;
  const contentChunks = events.filter((data) => data !== '[DONE]' && contentOf(data) !== '').length;
  return contentChunks === scenario.contentChunks ? undefined : `${contentChunks} content chunks, expected ${scenario.contentChunks}`;
}

function contentOf(data: string): string {
  try {
    const parsed = JSON.parse(data) as { choices?: { delta?: { content?: unknown } }[] };
    const content = parsed.choices?.[0]?.delta?.content;
    return typeof content === 'string' ? content : '';
  } catch {
    return '';
  }
}
