// Providers whose answers carry no id or time (Bedrock Converse, Anthropic's `created`) leave them
// empty (`id: ''`, `created: 0`): adapters read no clock. The server fills them with the request's
// id and start, so each answer has a distinct id and a real time.

import type { Exchange } from '../exchange.js';

export type Stamp = <T>(canonical: T) => T;

/** Nothing is computed until an answer needs it: same-dialect answers never do. */
export function stampFor(ex: Pick<Exchange, 'requestId' | 'startedAtMs'>): Stamp {
  return (canonical) => {
    const object = canonical as { id?: unknown; created?: unknown };
    if (typeof object !== 'object' || object === null) return canonical;
    if (object.id === '') object.id = `chatcmpl-${ex.requestId}`;
    if (object.created === 0) object.created = Math.floor(ex.startedAtMs / 1000);
    return canonical;
  };
}
