// The audit contracts on SQLite, each store in its own temporary data directory.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeAuditChainContract } from './audit-chain-contract.js';
import { describeAuditRetentionContract } from './audit-retention-contract.js';

const roots: string[] = [];

const sqliteTarget = {
  skip: false as const,
  fresh: async () => {
    const root = await mkdtemp(join(tmpdir(), 'gatehouse-audit-'));
    roots.push(root);
    return { dataDir: join(root, 'data') };
  },
  cleanUp: async () => {
    await Promise.all(roots.splice(0).map((root) => rm(root, { recursive: true, force: true })));
  },
};

describeAuditChainContract('sqlite', sqliteTarget);
describeAuditRetentionContract('sqlite', sqliteTarget);
