// Request ids Gatehouse makes itself: UUID version 7 (RFC 9562), the Unix time in milliseconds
// followed by random bits. Time-ordered ids keep the usage table's primary-key index growing at its
// end instead of touching a random page per row, which makes every batch commit smaller.

import { randomUUID } from 'node:crypto';

/** A v4 UUID's random bits with its first 48 turned into the time and its version nibble into 7. */
export function newRequestId(nowMs: number = Date.now()): string {
  const random = randomUUID();
  const time = Math.max(0, Math.floor(nowMs)).toString(16).padStart(12, '0').slice(-12);
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${random.slice(15)}`;
}
