import { describe, expect, it } from 'vitest';
import { refusalOf } from '../../../../src/feed/fetch/address-policy.ts';

/** Every address a URL from chat or from inside a feed may not reach, with the words that say why. */
const REFUSED: Array<[string, RegExp]> = [
  ['127.0.0.1', /loopback/],
  ['127.255.255.254', /loopback/],
  ['::1', /loopback/],
  ['0.0.0.0', /this network/],
  ['::', /unspecified/],
  ['10.1.2.3', /private/],
  ['172.16.0.1', /private/],
  ['172.31.255.255', /private/],
  ['192.168.1.1', /private/],
  ['100.64.0.1', /carrier-grade NAT/],
  ['100.100.100.200', /carrier-grade NAT/], // Alibaba Cloud metadata
  ['169.254.169.254', /link-local.*metadata/], // AWS, GCP, Azure, OpenStack metadata
  ['169.254.0.1', /link-local/],
  ['168.63.129.16', /cloud platform/], // Azure wire server
  ['192.0.0.192', /IETF protocol/], // Oracle Cloud metadata
  ['fd00:ec2::254', /unique local.*metadata/], // AWS metadata over IPv6
  ['fc00::1', /unique local/],
  ['fe80::1', /link-local IPv6/],
  ['fe80::1%eth0', /link-local IPv6/],
  ['ff02::1', /multicast/],
  ['224.0.0.1', /multicast/],
  ['255.255.255.255', /broadcast/],
  ['198.18.0.1', /benchmarking/],
  ['192.0.2.1', /documentation/],
  ['2001:db8::1', /documentation/],
  ['::ffff:127.0.0.1', /loopback/], // IPv4-mapped IPv6, dotted
  ['::ffff:7f00:1', /loopback/], // IPv4-mapped IPv6, hex
  ['::ffff:a9fe:a9fe', /metadata/], // 169.254.169.254, mapped
  ['::ffff:10.0.0.1', /private/],
  ['64:ff9b::a9fe:a9fe', /metadata/], // NAT64 of 169.254.169.254
  ['2002:7f00:1::', /loopback/], // 6to4 of 127.0.0.1
  ['2002:c0a8:101::1', /private/], // 6to4 of 192.168.1.1
  ['::127.0.0.1', /IPv4-compatible/],
  ['2001::1', /Teredo/],
];

const ALLOWED = ['8.8.8.8', '1.1.1.1', '93.184.216.34', '151.101.1.69', '172.32.0.1', '100.128.0.1', '2606:4700::1111', '2a00:1450:4001:80e::200e', '::ffff:8.8.8.8', '64:ff9b::808:808', '2002:808:808::1'];

describe('refusalOf: addresses a URL from chat or inside a feed may not reach', () => {
  it.each(REFUSED)('refuses %s', (address, why) => {
    expect(refusalOf(address)).toMatch(why);
  });

  it.each(ALLOWED)('allows the public address %s', (address) => {
    expect(refusalOf(address)).toBeNull();
  });

  it('refuses what is not an address at all', () => {
    expect(refusalOf('localhost')).toBe('not an IP address');
    expect(refusalOf('')).toBe('not an IP address');
  });
});
