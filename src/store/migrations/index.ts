// The ordered list of every migration, written out by hand: no directory scanning, so a bundle or
// a renamed file cannot change what runs. Append only; names sort in the order they are listed.

import type { Migration } from 'kysely';
import * as meta from './0001-meta.js';
import * as tenancy from './0002-tenancy.js';
import * as audit from './0003-audit.js';
import * as ipAllowlists from './0004-ip-allowlists.js';
import * as jobLeases from './0005-job-leases.js';
import * as userIpAllowlists from './0006-user-ip-allowlists.js';

export interface NamedMigration extends Migration {
  readonly name: string;
}

export const migrations: readonly NamedMigration[] = Object.freeze([
  { name: '0001-meta', up: meta.up, down: meta.down },
  { name: '0002-tenancy', up: tenancy.up, down: tenancy.down },
  { name: '0003-audit', up: audit.up, down: audit.down },
  { name: '0004-ip-allowlists', up: ipAllowlists.up, down: ipAllowlists.down },
  { name: '0005-job-leases', up: jobLeases.up, down: jobLeases.down },
  { name: '0006-user-ip-allowlists', up: userIpAllowlists.up, down: userIpAllowlists.down },
]);
