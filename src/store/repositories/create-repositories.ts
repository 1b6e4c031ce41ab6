// Every repository over one store, made once at start and handed to the modules that persist
// tenancy and usage. Owns no queries itself.

import type { Store } from '../store.js';
import { createBudgetRepository } from './budget-repository.js';
import type { BudgetRepository } from './budget-repository.js';
import { createJobLeaseRepository } from './job-lease-repository.js';
import type { JobLeaseRepository } from './job-lease-repository.js';
import { createOrganizationMembershipRepository } from './organization-membership-repository.js';
import type { OrganizationMembershipRepository } from './organization-membership-repository.js';
import { createOrganizationRepository } from './organization-repository.js';
import type { OrganizationRepository } from './organization-repository.js';
import type { RepositoryOptions } from './repository-options.js';
import { createStoredModelRepository } from './stored-model-repository.js';
import type { StoredModelRepository } from './stored-model-repository.js';
import { createTeamRepository } from './team-repository.js';
import type { TeamRepository } from './team-repository.js';
import { createUsageRepository } from './usage-repository.js';
import type { UsageRepository } from './usage-repository.js';
import { createUserRepository } from './user-repository.js';
import type { UserRepository } from './user-repository.js';
import { createVirtualKeyRepository } from './virtual-key-repository.js';
import type { VirtualKeyRepository } from './virtual-key-repository.js';

export interface Repositories {
  readonly organizations: OrganizationRepository;
  readonly organizationMemberships: OrganizationMembershipRepository;
  readonly teams: TeamRepository;
  readonly users: UserRepository;
  readonly virtualKeys: VirtualKeyRepository;
  readonly storedModels: StoredModelRepository;
  readonly usage: UsageRepository;
  readonly budgets: BudgetRepository;
  readonly jobLeases: JobLeaseRepository;
}

export function createRepositories(store: Store, options: RepositoryOptions = {}): Repositories {
  return Object.freeze({
    organizations: createOrganizationRepository(store, options),
    organizationMemberships: createOrganizationMembershipRepository(store, options),
    teams: createTeamRepository(store, options),
    users: createUserRepository(store, options),
    virtualKeys: createVirtualKeyRepository(store, options),
    storedModels: createStoredModelRepository(store, options),
    usage: createUsageRepository(store),
    budgets: createBudgetRepository(store),
    jobLeases: createJobLeaseRepository(store),
  });
}
