// The Anthropic message id of a canonical completion: `msg_` and the completion id without its
// `chatcmpl-` style prefix, so one answer keeps one id across the answer, its stream and its logs.

export function messageIdOf(completionId: string): string {
  const dash = completionId.indexOf('-');
  const tail = dash === -1 ? completionId : completionId.slice(dash + 1);
  return `msg_${tail === '' ? '0' : tail}`;
}
