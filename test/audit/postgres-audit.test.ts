// The audit contracts on PostgreSQL, each test on a throw-away database dropped at the end.
// Skipped with a reason when no server answers, unless CI=true.

import { createTestDatabase, postgresSkipReason } from '../store/postgres-test-database.js';
import type { TestDatabase } from '../store/postgres-test-database.js';
import type { StoreTarget } from '../store/store-contract.js';
import { describeAuditChainContract } from './audit-chain-contract.js';
import { describeAuditRetentionContract } from './audit-retention-contract.js';

const databases: TestDatabase[] = [];

const postgresTarget: StoreTarget = {
  skip: await postgresSkipReason(),
  fresh: async () => {
    const database = await createTestDatabase();
    databases.push(database);
    return { databaseUrl: database.url, dataDir: 'unused-by-postgres' };
  },
  cleanUp: async () => {
    await Promise.all(databases.splice(0).map((database) => database.drop()));
  },
};

describeAuditChainContract('postgres', postgresTarget);
describeAuditRetentionContract('postgres', postgresTarget);
