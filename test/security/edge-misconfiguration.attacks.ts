// Edge settings that would open the gateway wider than meant are refused when the configuration
// loads, each with its path: wildcard or sloppy CORS origins, ranges that do not parse, an
// allowlist set twice, half a TLS setting. What is accepted is read the way it is documented.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadYaml, problemsOf } from '../config/load-yaml.js';
import { attack } from './attack-ledger.js';

export function edgeMisconfigurationAttacks(): void {
  describe('edge misconfiguration', () => {
    attack('a wildcard, "null" or non-exact CORS origin', () => {
      assert.deepEqual(problemsOf(`
gatehouse:
  server:
    cors: { allowed_origins: ['*', 'null', 'https://App.example.com', 'https://a.example.com/', 'ftp://a.example.com', 'https://ok.example.com'] }
`), [
        'gatehouse.server.cors.allowed_origins[0]: "*" is not allowed: list each exact origin',
        'gatehouse.server.cors.allowed_origins[1]: "null" is not allowed: list each exact origin',
        'gatehouse.server.cors.allowed_origins[2]: "https://App.example.com" must be an exact origin (scheme, host and port only), such as "https://app.example.com"',
        'gatehouse.server.cors.allowed_origins[3]: "https://a.example.com/" must be an exact origin (scheme, host and port only), such as "https://a.example.com"',
        'gatehouse.server.cors.allowed_origins[4]: "ftp://a.example.com" must be an http or https origin',
      ]);
    });

    attack('trusted proxies and allowlists that do not parse', () => {
      assert.deepEqual(problemsOf(`
general_settings: { allowed_ips: [] }
gatehouse:
  server: { trusted_proxies: [10.0.0.1/8, proxy.internal], ip_allowlist: ['::1/200'] }
`), [
        'general_settings.allowed_ips: must list at least one address or range; remove it to allow every address',
        'gatehouse.server.trusted_proxies[0]: "10.0.0.1/8" has bits set past its /8 prefix; did you mean 10.0.0.0/8?',
        'gatehouse.server.trusted_proxies[1]: "proxy.internal" is not an IPv4 or IPv6 address or CIDR range',
        'gatehouse.server.ip_allowlist[0]: "::1/200" has an invalid prefix length (0 to 128)',
      ]);
    });

    attack('an allowlist set in both general_settings and gatehouse.server', () => {
      assert.deepEqual(problemsOf('general_settings: { allowed_ips: [10.0.0.0/8] }\ngatehouse: { server: { ip_allowlist: [0.0.0.0/0] } }\n'), [
        'general_settings.allowed_ips: is also set as gatehouse.server.ip_allowlist; set the allowlist in one place',
      ]);
    });

    attack("LiteLLM's use_x_forwarded_for, which would trust every sender's X-Forwarded-For", () => {
      assert.match(problemsOf('general_settings: { use_x_forwarded_for: true }\n').join('\n'), /use_x_forwarded_for: not supported; refusing to start.*trusted_proxies/);
    });

    attack('half a TLS setting (a certificate without its key, on the command line or in the file)', () => {
      assert.deepEqual(problemsOf('', {}, { overrides: { tlsCertFile: 'server.crt' } }), ['--tls-cert/--tls-key: give both files, the certificate and its private key']);
      assert.deepEqual(problemsOf('gatehouse: { server: { tls: { cert_file: server.crt } } }\n'), ['gatehouse.server.tls.key_file: required']);
    });

    it("maps LiteLLM's general_settings.allowed_ips to the global allowlist, in canonical form", () => {
      const config = loadYaml('general_settings: { allowed_ips: [203.0.113.7, "2001:DB8::/32", "::ffff:10.0.0.0/104"] }\n');
      assert.deepEqual(config.server.ipAllowlist, ['203.0.113.7/32', '2001:db8::/32', '10.0.0.0/8']);
    });

    it('makes TLS and CA paths absolute and lets the command line win', () => {
      const config = loadYaml(`
gatehouse:
  server: { tls: { cert_file: file.crt, key_file: file.key } }
  upstream: { ca_file: ca.pem }
`, {}, { overrides: { tlsCertFile: '/etc/flag.crt', tlsKeyFile: '/etc/flag.key' } });
      assert.deepEqual(config.server.tls, { certFile: '/etc/flag.crt', keyFile: '/etc/flag.key' });
      assert.match(config.upstream.caFile ?? '', /^\/.*\/ca\.pem$/);
    });
  });
}
