// Validation of Responses requests: what Gatehouse refuses (stored state, built-in tools, unknown
// parameters) and that each refusal is a 400 naming the parameter and saying why.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError } from '../../../src/errors/gateway-error.js';
import { responsesDialect } from '../../../src/wire/responses/responses-dialect.js';

function refusal(body: unknown): GatewayError {
  try {
    responsesDialect.parseRequest(body);
  } catch (error) {
    assert.ok(error instanceof GatewayError);
    assert.equal(error.code, 'invalid_request');
    assert.equal(error.status, 400);
    return error;
  }
  assert.fail('the request was accepted');
}

const base = { model: 'gpt-4o-mini', input: 'Hello' };

describe('responses dialect: request validation', () => {
  it('accepts a minimal request and omitted `store` (nothing is stored either way)', () => {
    const request = responsesDialect.parseRequest(base);
    assert.equal(responsesDialect.modelOf(request), 'gpt-4o-mini');
    assert.equal(responsesDialect.streamOf(request), false);
    assert.equal(responsesDialect.maxTokensOf(request), undefined);
    assert.deepEqual(request.input, [{ type: 'message', role: 'user', content: 'Hello' }]);
    assert.doesNotThrow(() => responsesDialect.parseRequest({ ...base, store: false, stream: true }));
  });

  it('refuses `store: true` saying that nothing is stored', () => {
    const error = refusal({ ...base, store: true });
    assert.equal(error.param, 'store');
    assert.match(error.message, /does not store responses/);
    assert.match(error.message, /store: false/);
  });

  for (const [param, value, reason] of [
    ['previous_response_id', 'resp_123', /does not store responses.*previous_response_id/],
    ['conversation', 'conv_123', /does not store responses/],
    ['background', true, /background/],
    ['prompt', { id: 'pmpt_1' }, /prompt templates/],
    ['truncation', 'auto', /truncation/],
    ['max_tool_calls', 3, /built-in tool/],
  ] as const) {
    it(`refuses \`${param}\` with the reason`, () => {
      const error = refusal({ ...base, [param]: value });
      assert.equal(error.param, param);
      assert.match(error.message, reason);
    });
  }

  it('accepts the null and false forms of stateful parameters', () => {
    assert.doesNotThrow(() =>
      responsesDialect.parseRequest({ ...base, previous_response_id: null, conversation: null, background: false, truncation: 'disabled' }),
    );
  });

  for (const type of ['web_search', 'file_search', 'computer_use_preview', 'code_interpreter', 'mcp', 'image_generation']) {
    it(`refuses the built-in tool ${type}, naming it`, () => {
      const error = refusal({ ...base, tools: [{ type: 'function', name: 'f', parameters: {} }, { type }] });
      assert.equal(error.param, 'tools[1].type');
      assert.ok(error.message.includes(JSON.stringify(type)));
    });
  }

  it('refuses includes that need state, and accepts reasoning.encrypted_content', () => {
    assert.equal(refusal({ ...base, include: ['reasoning.encrypted_content', 'file_search_call.results'] }).param, 'include[1]');
    assert.doesNotThrow(() => responsesDialect.parseRequest({ ...base, include: ['reasoning.encrypted_content'] }));
  });

  it('refuses item references and images by file id, saying what to send instead', () => {
    const reference = refusal({ ...base, input: [{ type: 'item_reference', id: 'msg_1' }] });
    assert.equal(reference.param, 'input[0].type');
    assert.match(reference.message, /store = false/);
    const image = refusal({ ...base, input: [{ role: 'user', content: [{ type: 'input_image', file_id: 'file-1', detail: 'auto' }] }] });
    assert.equal(image.param, 'input[0].content[0].file_id');
  });

  it('refuses images outside user messages and unknown parameters', () => {
    const image = { type: 'input_image', image_url: 'https://example.com/a.png' };
    assert.equal(refusal({ ...base, input: [{ role: 'system', content: [image] }] }).param, 'input[0].content[0]');
    assert.equal(refusal({ ...base, temprature: 1 }).param, 'temprature');
  });

  it('names the field of malformed values', () => {
    assert.equal(refusal({ input: 'x' }).param, 'model');
    assert.equal(refusal({ model: 'm' }).param, 'input');
    assert.equal(refusal({ ...base, max_output_tokens: 0 }).param, 'max_output_tokens');
    assert.equal(refusal({ ...base, input: [{ type: 'function_call', call_id: 'c', name: 'f' }] }).param, 'input[0].arguments');
    assert.equal(refusal({ ...base, tools: [{ type: 'function', name: 'f' }], tool_choice: { type: 'function', name: 'g' } }).param, 'tool_choice.name');
    assert.equal(refusal({ ...base, text: { format: { type: 'xml' } } }).param, 'text.format.type');
    assert.equal(refusal([]).param, 'body');
  });

  it('quotes client-sent names cut short, never at length', () => {
    const long = 'x'.repeat(5000);
    for (const error of [refusal({ ...base, [long]: 1 }), refusal({ ...base, tools: [{ type: long }] }), refusal({ ...base, include: [long] })]) {
      assert.ok(error.message.length < 300, error.message.slice(0, 80));
      assert.ok((error.param ?? '').length <= 64);
    }
  });

  it('drops reasoning items, which only their own provider can read', () => {
    const request = responsesDialect.parseRequest({
      ...base,
      input: [{ role: 'user', content: 'Hi' }, { type: 'reasoning', id: 'rs_1', encrypted_content: 'opaque', summary: [] }],
    });
    assert.equal(request.input.length, 1);
  });

  it('keeps max_output_tokens for budget reservations', () => {
    assert.equal(responsesDialect.maxTokensOf(responsesDialect.parseRequest({ ...base, max_output_tokens: 64 })), 64);
  });
});
