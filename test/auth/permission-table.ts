// Renders the permission table of docs/access-control.md from the tables `can` uses, so the page
// cannot drift from the code (access-control-doc.test.ts compares them).

import { permissions, rolePermissions, roleScopes, teamRolePermissions, unscopedPermissions, type Permission } from '../../src/auth/permissions.js';
import { teamRoles, userRoles, type UserRole } from '../../src/store/records.js';

const scopeWords = { global: 'all', organization: 'their orgs', own: 'own' } as const;

function roleCell(role: UserRole, permission: Permission): string {
  const granted: readonly Permission[] = rolePermissions[role];
  if (!granted.includes(permission)) return '—';
  const unscoped: readonly Permission[] = unscopedPermissions;
  return unscoped.includes(permission) ? 'yes' : scopeWords[roleScopes[role]];
}

export function renderPermissionTable(): string {
  const header = ['permission', ...userRoles, ...teamRoles.map((role) => `team ${role}`)];
  const rows = permissions.map((permission) => [
    `\`${permission}\``,
    ...userRoles.map((role) => roleCell(role, permission)),
    ...teamRoles.map((role) => ((teamRolePermissions[role] as readonly Permission[]).includes(permission) ? 'their team' : '—')),
  ]);
  return [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}
