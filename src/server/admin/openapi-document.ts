// Builds the OpenAPI 3.1 document of the management API from its route lines: each operation's
// permission, query parameters, body and answer come from the very schemas that validate requests.

import { z } from 'zod';
import type { AdminRoute } from './define-admin-route.js';

type Json = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Json {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Json;
  return rest;
}

function queryParameters(schema: z.ZodType): Json[] {
  const object = jsonSchema(schema, 'input');
  const properties = (object['properties'] ?? {}) as Record<string, Json>;
  const required = new Set((object['required'] ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...propertySchema } = property;
    return { name, in: 'query', required: required.has(name), schema: propertySchema, ...(description === undefined ? {} : { description }) };
  });
}

function pathParameters(path: string): Json[] {
  return [...path.matchAll(/\{([^}]+)\}/g)].map((match) => ({
    name: match[1],
    in: 'path',
    required: true,
    schema: { type: 'string' },
    description: 'The key by its secret (sk-...) or its id',
  }));
}

const tagOf = (path: string): string => {
  const first = path.split('/')[1] ?? '';
  if (first === 'v2' || first === 'model_group') return 'model';
  return first === 'global' ? 'spend' : first;
};

function operation(r: AdminRoute): Json {
  const { schemas } = r;
  const parameters = [...pathParameters(r.path), ...(schemas.query === undefined ? [] : queryParameters(schemas.query))];
  const json = schemas.reply === undefined ? {} : { 'application/json': { schema: jsonSchema(schemas.reply, 'output') } };
  const csv = r.path === '/spend/summary' ? { 'text/csv': { schema: { type: 'string' } } } : {};
  return {
    operationId: `${r.method.toLowerCase()}${r.path.replace(/[^A-Za-z0-9]+/g, '_')}`,
    summary: schemas.summary,
    tags: [tagOf(r.path)],
    'x-gatehouse-permission': r.permission,
    description: `Permission: \`${r.permission}\`.`,
    ...(parameters.length === 0 ? {} : { parameters }),
    ...(schemas.body === undefined
      ? {}
      : { requestBody: { required: schemas.optionalBody !== true, content: { 'application/json': { schema: jsonSchema(schemas.body, 'input') } } } }),
    responses: {
      '200': { description: 'OK', content: { ...json, ...csv } },
      '400': { $ref: '#/components/responses/Error' },
      '401': { $ref: '#/components/responses/Error' },
      '403': { $ref: '#/components/responses/Error' },
      '404': { $ref: '#/components/responses/Error' },
    },
  };
}

export function buildOpenApiDocument(routes: readonly AdminRoute[]): Json {
  const paths: Record<string, Json> = {};
  for (const r of routes) paths[r.path] = { ...paths[r.path], [r.method.toLowerCase()]: operation(r) };
  const errorBody = {
    type: 'object',
    properties: {
      error: {
        type: 'object',
        properties: { message: { type: 'string' }, type: { type: 'string' }, param: { type: ['string', 'null'] }, code: { type: 'string' } },
        required: ['message', 'type', 'param', 'code'],
      },
    },
    required: ['error'],
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Gatehouse management API',
      version: '1',
      description: 'LiteLLM-compatible management routes. Every route is also served under /v1. Authenticate with the master key or a virtual key of a user.',
    },
    security: [{ bearerAuth: [] }],
    paths,
    components: {
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } },
      responses: { Error: { description: 'An error in OpenAI\'s shape', content: { 'application/json': { schema: errorBody } } } },
    },
  };
}
