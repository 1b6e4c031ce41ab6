// Slow clients (Slowloris): a head or a body dribbled a byte at a time is cut off by the header or
// request timeout with a 408, while other clients keep being served. No timing is asserted: only
// that the slow connection ends with a 408 and that the others were answered meanwhile.

import assert from 'node:assert/strict';
import type { Socket } from 'node:net';
import { after, before, describe } from 'node:test';
import type { TestGatehouse } from '../e2e/harness.js';
import { attack } from './attack-ledger.js';
import { openSocket, probe, readUntilClosed, type RawAnswer } from './http-probe.js';
import { startMockGatehouse } from './mock-gatehouse.js';

/** Writes `first`, then one byte of `drip` every `everyMs` until the server closes the socket. */
async function dribble(base: string, first: string, drip: string, everyMs: number): Promise<{ socket: Socket; answer: Promise<RawAnswer> }> {
  const socket = await openSocket(base);
  const answer = readUntilClosed(socket);
  socket.write(first);
  let index = 0;
  const timer = setInterval(() => {
    if (socket.destroyed || socket.writableEnded) return;
    socket.write(drip[index % drip.length] ?? 'x');
    index += 1;
  }, everyMs);
  socket.once('close', () => clearInterval(timer));
  return { socket, answer };
}

export function slowClientAttacks(): void {
  describe('slow clients', () => {
    let gh: TestGatehouse;
    before(async () => {
      gh = await startMockGatehouse('{ headers_timeout_ms: 400, request_timeout_ms: 900 }');
    });
    after(() => gh.close());

    const serveOthers = async (): Promise<number[]> => {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        statuses.push((await probe(gh.url, '/v1/models', { headers: { authorization: `Bearer ${gh.masterKey}` } })).status);
      }
      return statuses;
    };

    attack('a request head dribbled one byte at a time (Slowloris)', async () => {
      const slow = await dribble(gh.url, 'GET /v1/models HTTP/1.1\r\nhost: localhost\r\nx-slow: ', 'abcdefgh', 50);
      assert.deepEqual(await serveOthers(), [200, 200, 200, 200, 200]);
      const answer = await slow.answer;
      assert.equal(answer.status, 408);
      assert.match(answer.text, /"code":"request_timeout"/);
    });

    attack('a request body dribbled one byte at a time', async () => {
      const head = `POST /v1/chat/completions HTTP/1.1\r\nhost: localhost\r\nauthorization: Bearer ${gh.masterKey}\r\ncontent-type: application/json\r\ncontent-length: 100000\r\n\r\n`;
      const slow = await dribble(gh.url, head, ' ', 50);
      assert.deepEqual(await serveOthers(), [200, 200, 200, 200, 200]);
      const answer = await slow.answer;
      assert.equal(answer.status, 408);
      assert.match(answer.text, /"code":"request_timeout"/);
    });

    attack('many idle connections that never send a byte', async () => {
      const idle = await Promise.all(Array.from({ length: 20 }, () => openSocket(gh.url)));
      const closed = idle.map((socket) => readUntilClosed(socket));
      assert.deepEqual(await serveOthers(), [200, 200, 200, 200, 200]);
      for (const answer of await Promise.all(closed)) assert.ok(answer.status === 408 || answer.status === 0);
    });
  });
}
