// `/team/list` answers every team with its members using the same number of membership queries
// for five teams as for fifty (SQLite statements counted as the store prepares them), and each
// team keeps its own members in join order.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TestGatehouse } from '../e2e/harness.js';
import { expectStatus, openAdminGatehouse, type AdminClient } from './admin-client.js';

interface ListedTeam {
  readonly team_id: string;
  readonly members_with_roles: ReadonlyArray<{ readonly user_id: string; readonly role: string }>;
}

describe('/team/list loads members without a query per team', () => {
  let gh: TestGatehouse;
  let admin: AdminClient;

  before(async () => ({ gh, admin } = await openAdminGatehouse()));
  after(() => gh.close());

  /** The teams listed, and how many statements read team memberships meanwhile. */
  async function listCountingMembershipQueries(): Promise<{ teams: ListedTeam[]; membershipQueries: number }> {
    const sqlite = gh.app.store.sqlite;
    assert.ok(sqlite, 'the test instance runs on SQLite');
    const prepare = sqlite.prepare.bind(sqlite);
    let membershipQueries = 0;
    sqlite.prepare = ((source: string) => {
      if (source.includes('gatehouse_team_memberships')) membershipQueries += 1;
      return prepare(source);
    }) as typeof sqlite.prepare;
    try {
      const teams = expectStatus(await admin.get('/team/list'), 200).body as ListedTeam[];
      return { teams, membershipQueries };
    } finally {
      sqlite.prepare = prepare;
    }
  }

  async function addTeams(from: number, to: number): Promise<void> {
    for (let i = from; i < to; i++) {
      const members = i % 4 === 0 ? [] : [{ user_id: i % 2 === 0 ? 'lister-b' : 'lister-a', role: 'admin' }, { user_id: 'lister-c', role: 'user' }];
      expectStatus(await admin.post('/team/new', { team_id: `listed-${String(i).padStart(2, '0')}`, members_with_roles: members }), 200);
    }
  }

  it('uses one membership query for five teams and for fifty', async () => {
    for (const id of ['lister-a', 'lister-b', 'lister-c']) expectStatus(await admin.post('/user/new', { user_id: id, auto_create_key: false }), 200);
    await addTeams(0, 5);
    const few = await listCountingMembershipQueries();
    assert.equal(few.teams.length, 5);
    await addTeams(5, 50);
    const many = await listCountingMembershipQueries();
    assert.equal(many.teams.length, 50);
    assert.equal(few.membershipQueries, 1);
    assert.equal(many.membershipQueries, 1);
    const byId = new Map(many.teams.map((team) => [team.team_id, team.members_with_roles.map((m) => [m.user_id, m.role])]));
    assert.deepEqual(byId.get('listed-00'), []);
    assert.deepEqual(byId.get('listed-01'), [['lister-a', 'admin'], ['lister-c', 'user']]);
    assert.deepEqual(byId.get('listed-46'), [['lister-b', 'admin'], ['lister-c', 'user']]);
    assert.deepEqual(byId.get('listed-48'), []);
  });
});
