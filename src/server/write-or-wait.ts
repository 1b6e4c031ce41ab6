// Writes to a response and, when its buffer is full, waits until it drains or the client leaves:
// streamed answers never buffer without bound behind a slow client.

import type { ServerResponse } from 'node:http';

export function writeOrWait(res: ServerResponse, text: string): Promise<void> | undefined {
  if (text.length === 0 || res.write(text)) return undefined;
  return new Promise((resolve) => {
    const finish = (): void => { res.off('drain', finish); res.off('close', finish); resolve(); };
    res.on('drain', finish);
    res.on('close', finish);
  });
}
