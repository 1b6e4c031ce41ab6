// The permission table in docs/access-control.md is the one `can` uses: this fails, printing the
// table to paste, whenever the two differ.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { renderPermissionTable } from './permission-table.js';

const docPath = fileURLToPath(new URL('../../../docs/access-control.md', import.meta.url));
const begin = '<!-- permission-table:begin (generated from src/auth/permissions.ts; see test/auth/permission-table.ts) -->';
const end = '<!-- permission-table:end -->';

describe('docs/access-control.md', () => {
  it('shows the permission table of src/auth/permissions.ts', () => {
    const doc = readFileSync(docPath, 'utf8');
    const from = doc.indexOf(begin);
    const to = doc.indexOf(end);
    assert.ok(from !== -1 && to > from, `the page needs the markers\n${begin}\n${end}`);
    const shown = doc.slice(from + begin.length, to).trim();
    const expected = renderPermissionTable();
    assert.equal(shown, expected, `Replace the table between the markers with:\n\n${expected}\n`);
  });
});
