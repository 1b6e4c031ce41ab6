// Buffers an upstream body as UTF-8 text under a byte cap: past the cap it either truncates (error
// bodies, read only for a message) or fails as a malformed upstream answer.

import { GatewayError, isGatewayError } from '../../errors/gateway-error.js';

export async function collectBody(body: AsyncIterable<Uint8Array>, maxBytes: number, options: { truncate: boolean }): Promise<string> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for await (const chunk of body) {
      const room = maxBytes - total;
      if (chunk.length > room) {
        if (!options.truncate) throw new GatewayError('upstream_malformed', { detail: `upstream body larger than ${maxBytes} bytes` });
        chunks.push(chunk.subarray(0, room));
        total = maxBytes;
        break;
      }
      chunks.push(chunk);
      total += chunk.length;
    }
  } catch (error) {
    if (isGatewayError(error) || !options.truncate) throw error;
  }
  return Buffer.concat(chunks, total).toString('utf8');
}
