// Reads the error body of an OpenAI-wire server: OpenAI's `{"error":{...}}`, vLLM's flat
// `{"object":"error","message":...}` (Mistral's with a validation list as the message), a bare
// `{"error":"..."}`, or FastAPI's `{"detail":...}`.

export interface UpstreamErrorBody {
  /** The body was JSON with something recognisable as an error in it. */
  readonly parsed: boolean;
  readonly message: string | undefined;
  readonly type: string | undefined;
  readonly code: string | undefined;
  readonly param: string | undefined;
}

const nothing: UpstreamErrorBody = { parsed: false, message: undefined, type: undefined, code: undefined, param: undefined };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  return typeof value === 'number' ? String(value) : undefined;
}

function fromDetail(detail: unknown): UpstreamErrorBody {
  if (typeof detail === 'string') return { ...nothing, parsed: true, message: detail };
  if (Array.isArray(detail) && isRecord(detail[0]) && typeof detail[0]['msg'] === 'string') {
    return { ...nothing, parsed: true, message: detail[0]['msg'] };
  }
  return nothing;
}

/** Mistral nests a validation error list in `message`: `{"object":"error","message":{"detail":[...]}}`. */
function nestedMessage(message: unknown): string | undefined {
  return isRecord(message) ? fromDetail(message['detail']).message : undefined;
}

function fromObject(source: Record<string, unknown>): UpstreamErrorBody {
  const message = text(source['message']) ?? nestedMessage(source['message']);
  const code = text(source['code']);
  return { parsed: message !== undefined || code !== undefined, message, type: text(source['type']), code, param: text(source['param']) };
}

export function readErrorBody(bodyText: string): UpstreamErrorBody {
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    return nothing;
  }
  if (!isRecord(body)) return nothing;
  const error = body['error'];
  if (isRecord(error)) return fromObject(error);
  if (typeof error === 'string') return { ...fromObject(body), parsed: true, message: error };
  if ('detail' in body) return fromDetail(body['detail']);
  return fromObject(body);
}
