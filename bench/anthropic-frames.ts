// The benchmark upstream's Anthropic Messages answers (https://docs.anthropic.com/en/api/messages-streaming):
// a whole message, or every frame of a stream with n text deltas, as Anthropic sends them.

const id = 'msg_bench';

export function anthropicMessage(model: string): object {
  return {
    id, type: 'message', role: 'assistant', model,
    content: [{ type: 'text', text: 'Hello! How can I help you today?' }],
    stop_reason: 'end_turn', stop_sequence: null,
    usage: { input_tokens: 12, output_tokens: 9 },
  };
}

export function anthropicStreamFrames(model: string, contentChunks: number): readonly Buffer[] {
  const frame = (type: string, data: object): Buffer => Buffer.from(`event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`);
  const frames: Buffer[] = [
    frame('message_start', { message: { id, type: 'message', role: 'assistant', model, content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 12, output_tokens: 1 } } }),
    frame('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }),
    frame('ping', {}),
  ];
  for (let i = 0; i < contentChunks; i++) frames.push(frame('content_block_delta', { index: 0, delta: { type: 'text_delta', text: 'tok ' } }));
  frames.push(
    frame('content_block_stop', { index: 0 }),
    frame('message_delta', { delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: contentChunks } }),
    frame('message_stop', {}),
  );
  return frames;
}
