// `gatehouse.retention` in the configuration file: defaults, 0 for forever, and refused values.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadYaml, problemsOf } from '../config/load-yaml.js';

describe('gatehouse.retention', () => {
  it('keeps audit rows a year and usage records 90 days unless told otherwise', () => {
    assert.deepEqual(loadYaml('model_list: []\n').retention, { auditDays: 365, usageDays: 90 });
    assert.deepEqual(loadYaml('gatehouse:\n  retention:\n    audit_days: 0\n').retention, { auditDays: 0, usageDays: 90 });
    assert.deepEqual(loadYaml('gatehouse:\n  retention: { audit_days: 30, usage_days: 7 }\n').retention, { auditDays: 30, usageDays: 7 });
  });

  it('refuses negative, fractional and unknown settings, naming each', () => {
    const problems = problemsOf('gatehouse:\n  retention: { audit_days: -1, usage_days: 1.5, keep: true }\n').join('\n');
    for (const path of ['gatehouse.retention.audit_days', 'gatehouse.retention.usage_days', 'gatehouse.retention.keep']) {
      assert.ok(problems.includes(path), `names ${path}: ${problems}`);
    }
  });
});
