// Which addresses count as private, loopback, metadata, ...: including the IPv6 spellings that
// smuggle an IPv4 address (mapped, compatible, NAT64, 6to4), which SSRF payloads use to slip past
// naive checks.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { categoryOf } from '../../src/upstream/address-ranges.js';

describe('categoryOf', () => {
  const cases: readonly [string, ReturnType<typeof categoryOf>][] = [
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['::1', 'loopback'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['169.254.169.254', 'cloud metadata'],
    ['fd00:ec2::254', 'cloud metadata'],
    ['169.254.170.2', 'cloud metadata'],
    ['169.254.1.1', 'link-local'],
    ['fe80::1', 'link-local'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['fd12:3456::1', 'unique-local'],
    ['fc00::1', 'unique-local'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['224.0.0.1', 'multicast'],
    ['ff02::1', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['198.18.0.1', 'reserved'],
    // IPv4 inside IPv6.
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:169.254.169.254', 'cloud metadata'],
    ['::ffff:10.0.0.1', 'private'],
    ['64:ff9b::a00:1', 'private'],
    ['64:ff9b::7f00:1', 'loopback'],
    ['2002:a9fe:a9fe::1', 'cloud metadata'],
    ['2002:c0a8:101::', 'private'],
    ['::7f00:1', 'loopback'],
  ];
  for (const [address, category] of cases) {
    it(`classifies ${address} as ${String(category)}`, () => assert.equal(categoryOf(address), category));
  }

  it('leaves public addresses unclassified', () => {
    for (const address of ['8.8.8.8', '1.1.1.1', '172.32.0.1', '100.128.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8', '64:ff9b::808:808', '2002:808:808::1']) {
      assert.equal(categoryOf(address), undefined, address);
    }
  });
});
