// The OpenAPI document and the route table of docs/management-api.md both describe every route
// the management API serves, with its permission and schemas, and cannot drift from the code.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { adminRoutes, adminRouteTable, findAdminRoute, openApiDocument } from '../../src/server/admin/admin-routes.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- walking a generated JSON document

describe('OpenAPI document of the management API', () => {
  const document = openApiDocument() as Json;

  it('is OpenAPI 3.1 with bearer authentication', () => {
    assert.equal(document['openapi'], '3.1.0');
    assert.deepEqual(document['components'].securitySchemes.bearerAuth, { type: 'http', scheme: 'bearer' });
  });

  it('lists every route with its permission, input and answer schemas', () => {
    assert.ok(adminRoutes.length >= 40);
    for (const route of adminRoutes) {
      const operation = document['paths'][route.path]?.[route.method.toLowerCase()] as Json | undefined;
      assert.ok(operation, `${route.method} ${route.path} is missing`);
      assert.equal(operation['x-gatehouse-permission'], route.permission);
      assert.ok(operation['responses']['200'].content['application/json'].schema, `${route.path} has no answer schema`);
      if (route.schemas.body !== undefined) {
        const schema = operation['requestBody'].content['application/json'].schema as Json;
        assert.equal(schema['additionalProperties'], false, `${route.path} body is not strict`);
      }
      if (route.schemas.query !== undefined) {
        const names = ((operation['parameters'] ?? []) as Json[]).filter((p) => p['in'] === 'query').map((p) => p['name']);
        const expected = Object.keys((route.schemas.query as unknown as { shape: object }).shape);
        assert.deepEqual(names.sort(), expected.sort(), `${route.path} query parameters`);
      }
    }
  });

  it('documents the key fields and the path parameter of LiteLLM\'s regenerate route', () => {
    const generate = document['paths']['/key/generate'].post.requestBody.content['application/json'].schema as Json;
    for (const field of ['key_alias', 'duration', 'models', 'max_budget', 'team_id', 'allowed_regions', 'allowed_ips', 'permissions']) assert.ok(field in generate['properties'], field);
    const inPath = document['paths']['/key/{key}/regenerate'].post as Json;
    assert.deepEqual(inPath['parameters'][0].name, 'key');
    assert.equal(inPath['requestBody'].required, false);
  });

  it('hands out a copy that callers cannot change for others', () => {
    (openApiDocument() as Json)['paths'] = {};
    assert.ok(Object.keys((openApiDocument() as Json)['paths']).length > 0);
  });
});

describe('the route table', () => {
  it('matches LiteLLM\'s key-in-path regenerate route and nothing else beyond exact paths', () => {
    assert.equal(findAdminRoute('/key/sk-abc/regenerate'), adminRouteTable.get('/key/{key}/regenerate'));
    assert.equal(findAdminRoute('/key/generate'), adminRouteTable.get('/key/generate'));
    assert.equal(findAdminRoute('/key/a/b/regenerate'), undefined);
    assert.equal(findAdminRoute('/key/generate/'), undefined);
  });

  it('is the table in docs/management-api.md, row for row', () => {
    const text = readFileSync(new URL('../../../docs/management-api.md', import.meta.url), 'utf8');
    const begin = text.indexOf('<!-- admin-routes:begin');
    const end = text.indexOf('<!-- admin-routes:end -->');
    assert.ok(begin !== -1 && end > begin, 'the route table markers are missing');
    const rows = text.slice(begin, end).split('\n').filter((line) => line.startsWith('| `'));
    const expected = adminRoutes.map((r) => `| \`${r.method}\` | \`${r.path}\` | \`${r.permission}\` | ${r.schemas.summary} |`);
    assert.deepEqual(rows, expected);
  });
});
