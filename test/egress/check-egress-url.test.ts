// The check an admin-supplied URL passes before it is saved or served: what is refused by
// default, what each kind of allow entry opens (and what it does not), and the messages.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkEgressUrl } from '../../src/upstream/check-egress-url.js';
import { denyPrivateEgress, type EgressAllowEntry, type EgressPolicy } from '../../src/upstream/egress-policy.js';
import type { ResolveHost } from '../../src/upstream/resolve-host.js';

/** A resolver answering from a table, failing like getaddrinfo for anything else. */
function resolverOf(table: Record<string, readonly string[]>): ResolveHost {
  return (hostname) => {
    const addresses = table[hostname];
    if (addresses === undefined) return Promise.reject(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }));
    return Promise.resolve(addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })));
  };
}

const resolveHost = resolverOf({
  'api.example.com': ['93.184.216.34', '2606:2800:220:1::1'],
  'vllm.internal': ['10.0.0.5'],
  'rebind.example.com': ['93.184.216.34', '127.0.0.1'],
  localhost: ['127.0.0.1', '::1'],
  'metadata.google.internal': ['169.254.169.254'],
  'sneaky.example.com': ['169.254.169.254'],
});

function policy(entries: readonly EgressAllowEntry[], dangerouslyAllowAllPrivate = false): EgressPolicy {
  return { allowPrivateHosts: entries, dangerouslyAllowAllPrivate };
}

const check = (url: string, p: EgressPolicy = denyPrivateEgress): Promise<string | undefined> => checkEgressUrl(url, p, { resolveHost });

describe('checkEgressUrl', () => {
  it('accepts public hosts over http and https', async () => {
    assert.equal(await check('https://api.example.com/v1'), undefined);
    assert.equal(await check('http://93.184.216.34:8080/v1'), undefined);
  });

  it('refuses other schemes, credentials in the URL, and what is not a URL', async () => {
    assert.equal(await check('file:///etc/passwd'), 'the URL must use http or https');
    assert.equal(await check('gopher://api.example.com/'), 'the URL must use http or https');
    assert.match((await check('https://user:secret@api.example.com/v1')) ?? '', /must not contain credentials/);
    assert.equal(await check('not a url'), 'the URL is not a valid URL');
  });

  it('refuses loopback, private, link-local and metadata literals without asking DNS', async () => {
    const noDns: ResolveHost = () => Promise.reject(new Error('DNS must not be asked'));
    const literals: readonly [string, RegExp][] = [
      ['http://127.0.0.1:8000/v1', /127\.0\.0\.1 is a loopback address; to allow it, add "127\.0\.0\.1:8000" to gatehouse\.egress\.allow_private_hosts/],
      ['http://[::1]:8000/v1', /::1 is a loopback address; to allow it, add "\[::1\]:8000"/],
      ['http://0.0.0.0/', /unspecified/],
      ['http://2130706433/', /127\.0\.0\.1 is a loopback address/],
      ['http://0x7f.1/', /127\.0\.0\.1 is a loopback address/],
      ['http://[::ffff:127.0.0.1]/', /loopback/],
      ['http://10.1.2.3/', /private/],
      ['http://169.254.169.254/latest/meta-data/', /169\.254\.169\.254 is a cloud metadata address/],
      ['http://[fd00:ec2::254]/', /cloud metadata/],
      ['http://100.64.0.1/', /carrier-grade NAT/],
    ];
    for (const [url, expected] of literals) {
      assert.match((await checkEgressUrl(url, denyPrivateEgress, { resolveHost: noDns })) ?? 'accepted', expected, url);
    }
  });

  it('refuses a host when any of its addresses is private', async () => {
    assert.match((await check('http://localhost:11434/v1')) ?? '', /^refused: localhost resolves to 127\.0\.0\.1, a loopback address/);
    assert.match((await check('https://rebind.example.com/v1')) ?? '', /resolves to 127\.0\.0\.1/);
    assert.match((await check('http://sneaky.example.com/')) ?? '', /cloud metadata address/);
    assert.match((await check('http://metadata.google.internal/computeMetadata/v1/')) ?? '', /metadata\.google\.internal is a cloud metadata host/);
  });

  it('never echoes the path or query, which may carry a secret', async () => {
    const refusal = await check('http://10.0.0.5:8000/v1?key=AIzaSecretValue');
    assert.ok(refusal !== undefined && !refusal.includes('AIzaSecretValue') && !refusal.includes('/v1'), refusal);
  });

  it('opens a listed host name on any port, or only the listed port', async () => {
    const anyPort = policy([{ kind: 'name', name: 'vllm.internal' }]);
    assert.equal(await check('http://vllm.internal:8000/v1', anyPort), undefined);
    assert.equal(await check('http://VLLM.internal.:9000/v1', anyPort), undefined);
    const onePort = policy([{ kind: 'name', name: 'vllm.internal', port: 8000 }]);
    assert.equal(await check('http://vllm.internal:8000/v1', onePort), undefined);
    assert.match((await check('http://vllm.internal:8001/v1', onePort)) ?? '', /private address/);
    assert.match((await check('http://localhost:8000/v1', onePort)) ?? '', /loopback/);
  });

  it('opens an address or range, also for names that resolve into it', async () => {
    const loopback = policy([{ kind: 'range', address: '127.0.0.1', prefix: 32, family: 'ipv4' }]);
    assert.equal(await check('http://127.0.0.1:1234/v1', loopback), undefined);
    assert.equal(await check('http://[::ffff:127.0.0.1]:1234/v1', loopback), undefined);
    assert.match((await check('http://localhost:1234/v1', loopback)) ?? '', /::1, a loopback address/);
    const tenNet = policy([{ kind: 'range', address: '10.0.0.0', prefix: 8, family: 'ipv4' }]);
    assert.equal(await check('http://vllm.internal:8000/v1', tenNet), undefined);
    assert.match((await check('http://192.168.0.2/', tenNet)) ?? '', /private/);
    const withPort = policy([{ kind: 'range', address: '10.0.0.5', prefix: 32, family: 'ipv4', port: 8000 }]);
    assert.equal(await check('http://10.0.0.5:8000/', withPort), undefined);
    assert.match((await check('http://10.0.0.5:22/', withPort)) ?? '', /private/);
  });

  it('keeps cloud metadata closed to ranges and the all-private switch; only an exact entry opens it', async () => {
    const linkLocal = policy([{ kind: 'range', address: '169.254.0.0', prefix: 16, family: 'ipv4' }]);
    assert.equal(await check('http://169.254.1.1/', linkLocal), undefined);
    assert.match((await check('http://169.254.169.254/', linkLocal)) ?? '', /cloud metadata/);
    const allPrivate = policy([], true);
    assert.equal(await check('http://10.0.0.5/', allPrivate), undefined);
    assert.equal(await check('http://localhost:8000/', allPrivate), undefined);
    assert.match((await check('http://169.254.169.254/', allPrivate)) ?? '', /cloud metadata/);
    assert.match((await check('http://sneaky.example.com/', policy([{ kind: 'name', name: 'sneaky.example.com' }]))) ?? '', /cloud metadata/);
    const exact = policy([{ kind: 'range', address: '169.254.169.254', prefix: 32, family: 'ipv4' }]);
    assert.equal(await check('http://169.254.169.254/', exact), undefined);
  });

  it('accepts a host that does not resolve now: connections are checked again', async () => {
    assert.equal(await check('https://not-yet-in-dns.example.com/v1'), undefined);
  });
});
