// Starts one appending process per tag, waits until each has opened its store, then releases them
// together and waits for all to finish; fails with a child's stderr when one does.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import type { OpenStoreOptions } from '../../src/store/open-store.js';

function waitForLine(stream: NodeJS.ReadableStream): Promise<void> {
  return new Promise((resolve) => {
    stream.setEncoding('utf8');
    const onData = (chunk: string): void => {
      if (!chunk.includes('\n')) return;
      stream.off('data', onData);
      resolve();
    };
    stream.on('data', onData);
    // A child that dies before its first line must not leave the race waiting forever.
    stream.once('end', () => resolve());
  });
}

export async function raceAppendingProcesses(options: OpenStoreOptions, tags: readonly string[], count: number): Promise<void> {
  const script = fileURLToPath(new URL('./append-in-child.js', import.meta.url));
  const children = tags.map((tag) => spawn(process.execPath, [script, JSON.stringify({ options, count, tag })], { stdio: ['pipe', 'pipe', 'pipe'] }));
  const errors = children.map((child) => {
    let text = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
    return () => text;
  });
  const exits = children.map((child) => once(child, 'exit') as Promise<[number | null]>);
  await Promise.all(children.map((child) => waitForLine(child.stdout)));
  for (const child of children) child.stdin.write('go\n');
  for (const [index, [code]] of (await Promise.all(exits)).entries()) {
    assert.equal(code, 0, `appending process ${tags[index] ?? index} failed: ${errors[index]?.()}`);
  }
}
