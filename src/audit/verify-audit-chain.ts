// Walks the audit chain from the retention anchor to the recorded head and names the first row that
// is not as Gatehouse wrote it: edited, missing, reordered, appended behind its back, or a forged
// tail. Reads only; what to do about a broken chain is the operator's call.

import { createAuditRepository, parseAuditMark, readAuditChainMarks } from '../store/repositories/audit-repository.js';
import type { AuditChainMark, AuditRecord } from '../store/repositories/audit-repository.js';
import type { Store } from '../store/store.js';
import { auditRowHash, genesisHash } from './audit-hash.js';

export type AuditChainVerdict =
  | { readonly ok: true; readonly checked: number; readonly head: { readonly sequence: number; readonly hash: string } }
  | { readonly ok: false; readonly checked: number; readonly firstBroken: { readonly sequence: number; readonly reason: string } };

interface Walk {
  expected: number;
  prevHash: string;
  checked: number;
  lastPurge: AuditRecord | undefined;
}

const noAnchor: AuditChainMark = { sequence: 0, hash: genesisHash, prevHash: null };

function missing(from: number, to: number): string {
  return from === to ? `row ${from} is missing` : `rows ${from} to ${to} are missing`;
}

/** Why `row` breaks the chain at the walk's position, with the sequence to report; undefined if it holds. */
function rowProblem(row: AuditRecord, walk: Walk, head: AuditChainMark): { sequence: number; reason: string } | undefined {
  const at = (reason: string): { sequence: number; reason: string } => ({ sequence: row.sequence, reason });
  if (row.sequence < walk.expected) return at(`row ${row.sequence} lies before the retention anchor, which follows row ${walk.expected - 1}`);
  if (row.sequence > walk.expected) return { sequence: walk.expected, reason: missing(walk.expected, row.sequence - 1) };
  if (row.sequence > head.sequence) return at(`row ${row.sequence} lies beyond the recorded chain head (${head.sequence}): Gatehouse did not append it`);
  if (row.prevHash !== walk.prevHash) return at(`row ${row.sequence}'s prev_hash does not match the hash of the row before it (reordered, replaced or forged)`);
  if (auditRowHash(row) !== row.hash) return at(`row ${row.sequence}'s content does not match its hash (edited)`);
  if (row.sequence === head.sequence && row.hash !== head.hash) return at(`row ${row.sequence} is not the row recorded as the chain head (forged)`);
  if (row.sequence === head.sequence - 1 && head.prevHash !== null && row.hash !== head.prevHash) {
    return at(`row ${row.sequence} is not the row the recorded chain head follows (forged tail)`);
  }
  return undefined;
}

/** True when the newest retention purge row recorded exactly this anchor. */
function purgeRecordsAnchor(purge: AuditRecord | undefined, anchor: AuditChainMark): boolean {
  if (purge?.afterJson === null || purge === undefined) return false;
  try {
    const after = JSON.parse(purge.afterJson) as { through_sequence?: unknown; anchor_hash?: unknown };
    return after.through_sequence === anchor.sequence && after.anchor_hash === anchor.hash;
  } catch {
    return false;
  }
}

export async function verifyAuditChain(store: Store): Promise<AuditChainVerdict> {
  const marks = await readAuditChainMarks(store.db);
  const anchor = marks.anchor === undefined ? noAnchor : parseAuditMark(marks.anchor);
  const head = parseAuditMark(marks.head);
  const broken = (checked: number, sequence: number, reason: string): AuditChainVerdict => ({ ok: false, checked, firstBroken: { sequence, reason } });
  if (anchor === undefined) return broken(0, 1, 'the retention anchor record (gatehouse_meta.audit_chain_anchor) is corrupt');
  if (head === undefined) return broken(0, anchor.sequence + 1, 'the chain head record (gatehouse_meta.audit_chain_head) is missing or corrupt');
  const walk: Walk = { expected: anchor.sequence + 1, prevHash: anchor.hash, checked: 0, lastPurge: undefined };
  for await (const row of createAuditRepository(store).export()) {
    const problem = rowProblem(row, walk, head);
    if (problem !== undefined) return broken(walk.checked, problem.sequence, problem.reason);
    if (row.action === 'audit.retention_purge') walk.lastPurge = row;
    walk.expected += 1;
    walk.prevHash = row.hash;
    walk.checked += 1;
  }
  if (walk.expected <= head.sequence) return broken(walk.checked, walk.expected, `${missing(walk.expected, head.sequence)} (the recorded chain head is ${head.sequence})`);
  if (anchor.sequence > 0 && !purgeRecordsAnchor(walk.lastPurge, anchor)) {
    return broken(walk.checked, anchor.sequence, `rows up to ${anchor.sequence} are gone, but no retention purge recorded that anchor`);
  }
  return { ok: true, checked: walk.checked, head: { sequence: head.sequence, hash: head.hash } };
}
