// The PostgreSQL store: the shared contract, each test on its own throw-away database that is
// dropped at the end. Skipped with a reason when no server answers, unless CI=true.

import { describeJobLeaseContract } from './job-lease-contract.js';
import { describeStoreContract } from './store-contract.js';
import type { StoreTarget } from './store-contract.js';
import { describeTenancyContract } from './tenancy-contract.js';
import { describeUsageContract } from './usage-contract.js';
import { describeVirtualKeyContract } from './virtual-key-contract.js';
import { createTestDatabase, postgresSkipReason } from './postgres-test-database.js';
import type { TestDatabase } from './postgres-test-database.js';

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

describeStoreContract('postgres', postgresTarget);
describeTenancyContract('postgres', postgresTarget);
describeVirtualKeyContract('postgres', postgresTarget);
describeUsageContract('postgres', postgresTarget);
describeJobLeaseContract('postgres', postgresTarget);
