// `gatehouse.egress` as an operator writes it: the default denies, entries of every accepted
// form are normalised, and every malformed entry is reported with its path.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadYaml, problemsOf } from '../config/load-yaml.js';

describe('gatehouse.egress', () => {
  it('denies every private destination by default', () => {
    assert.deepEqual(loadYaml('model_list: []').egress, { allowPrivateHosts: [], dangerouslyAllowAllPrivate: false });
  });

  it('reads host names, host:port, addresses, [IPv6]:port and CIDR ranges', () => {
    const { egress } = loadYaml(`
gatehouse:
  egress:
    allow_private_hosts: [vLLM.internal., 'ollama:11434', 127.0.0.1, '10.0.0.5:8000', '[::1]:8000', fd00::1, 10.0.0.0/8, 'FD00::/8']
`);
    assert.deepEqual(egress.allowPrivateHosts, [
      { kind: 'name', name: 'vllm.internal' },
      { kind: 'name', name: 'ollama', port: 11434 },
      { kind: 'range', address: '127.0.0.1', prefix: 32, family: 'ipv4' },
      { kind: 'range', address: '10.0.0.5', prefix: 32, family: 'ipv4', port: 8000 },
      { kind: 'range', address: '::1', prefix: 128, family: 'ipv6', port: 8000 },
      { kind: 'range', address: 'fd00::1', prefix: 128, family: 'ipv6' },
      { kind: 'range', address: '10.0.0.0', prefix: 8, family: 'ipv4' },
      { kind: 'range', address: 'fd00::', prefix: 8, family: 'ipv6' },
    ]);
    assert.equal(egress.dangerouslyAllowAllPrivate, false);
  });

  it('reports every malformed entry with its path', () => {
    const problems = problemsOf(`
gatehouse:
  egress:
    allow_private_hosts: ['http://10.0.0.5:8000', 'host:0', 'host:99999', 10.0.0.1/8, 0.0.0.0/0, 'bad host', '[::1', 300.1.1.1, '*']
    allow_everything: true
`);
    assert.deepEqual(problems, [
      'gatehouse.egress.allow_everything: unknown key',
      'gatehouse.egress.allow_private_hosts[0]: "http://10.0.0.5:8000" is a URL; list the host, host:port or CIDR range only',
      'gatehouse.egress.allow_private_hosts[1]: "host:0" has an invalid port (1 to 65535)',
      'gatehouse.egress.allow_private_hosts[2]: "host:99999" has an invalid port (1 to 65535)',
      'gatehouse.egress.allow_private_hosts[3]: "10.0.0.1/8" has bits set past its /8 prefix; did you mean 10.0.0.0/8?',
      'gatehouse.egress.allow_private_hosts[4]: "0.0.0.0/0" allows every address; set dangerously_allow_all_private instead if that is meant',
      'gatehouse.egress.allow_private_hosts[5]: "bad host" is not a host name, host:port, IP address or CIDR range',
      'gatehouse.egress.allow_private_hosts[6]: "[::1" is not [IPv6 address] or [IPv6 address]:port',
      'gatehouse.egress.allow_private_hosts[7]: "300.1.1.1" is not an IPv4 or IPv6 address or CIDR range',
      'gatehouse.egress.allow_private_hosts[8]: "*" is not a host name, host:port, IP address or CIDR range',
    ]);
  });

  it('warns when every private address is opened', () => {
    const config = loadYaml('gatehouse: { egress: { dangerously_allow_all_private: true } }');
    assert.equal(config.egress.dangerouslyAllowAllPrivate, true);
    assert.ok(config.warnings.some((warning) => warning.startsWith('gatehouse.egress.dangerously_allow_all_private:')));
  });
});
