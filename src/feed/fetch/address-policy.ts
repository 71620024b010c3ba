import { BlockList, isIP } from 'node:net';

/**
 * Address ranges a URL the bot did not get from its operator may never reach:
 * IANA's special-purpose registries (RFC 6890 and successors) for the
 * addresses that are not globally reachable, and the cloud metadata services.
 * Each range carries the words an answer uses to say why.
 */
const RANGES: ReadonlyArray<[string, number, 'ipv4' | 'ipv6', string]> = [
  ['0.0.0.0', 8, 'ipv4', 'a "this network" address (0.0.0.0/8)'],
  ['10.0.0.0', 8, 'ipv4', 'a private network address (10.0.0.0/8)'],
  ['100.64.0.0', 10, 'ipv4', 'a carrier-grade NAT address (100.64.0.0/10)'],
  ['127.0.0.0', 8, 'ipv4', 'a loopback address (this machine)'],
  ['169.254.0.0', 16, 'ipv4', 'a link-local address (169.254.0.0/16, where cloud metadata services answer)'],
  ['172.16.0.0', 12, 'ipv4', 'a private network address (172.16.0.0/12)'],
  ['192.0.0.0', 24, 'ipv4', 'an IETF protocol address (192.0.0.0/24)'],
  ['192.0.2.0', 24, 'ipv4', 'a documentation address (192.0.2.0/24)'],
  ['192.88.99.0', 24, 'ipv4', 'a 6to4 relay address (192.88.99.0/24)'],
  ['192.168.0.0', 16, 'ipv4', 'a private network address (192.168.0.0/16)'],
  ['198.18.0.0', 15, 'ipv4', 'a benchmarking address (198.18.0.0/15)'],
  ['198.51.100.0', 24, 'ipv4', 'a documentation address (198.51.100.0/24)'],
  ['203.0.113.0', 24, 'ipv4', 'a documentation address (203.0.113.0/24)'],
  ['168.63.129.16', 32, 'ipv4', 'a cloud platform service address (Azure)'],
  ['224.0.0.0', 4, 'ipv4', 'a multicast address (224.0.0.0/4)'],
  ['240.0.0.0', 4, 'ipv4', 'a reserved or broadcast address (240.0.0.0/4)'],
  ['::1', 128, 'ipv6', 'the IPv6 loopback address (this machine)'],
  ['::', 128, 'ipv6', 'the unspecified IPv6 address (::)'],
  ['::', 96, 'ipv6', 'an IPv4-compatible IPv6 address (::/96)'],
  ['64:ff9b:1::', 48, 'ipv6', 'a local-use NAT64 address (64:ff9b:1::/48)'],
  ['100::', 64, 'ipv6', 'a discard-only IPv6 address (100::/64)'],
  ['2001::', 23, 'ipv6', 'an IETF protocol IPv6 address (2001::/23, Teredo included)'],
  ['2001:db8::', 32, 'ipv6', 'a documentation IPv6 address (2001:db8::/32)'],
  ['3fff::', 20, 'ipv6', 'a documentation IPv6 address (3fff::/20)'],
  ['5f00::', 16, 'ipv6', 'a segment-routing IPv6 address (5f00::/16)'],
  ['fc00::', 7, 'ipv6', 'a private (unique local) IPv6 address (fc00::/7, where cloud metadata services answer)'],
  ['fe80::', 10, 'ipv6', 'a link-local IPv6 address (fe80::/10)'],
  ['fec0::', 10, 'ipv6', 'a site-local IPv6 address (fec0::/10)'],
  ['ff00::', 8, 'ipv6', 'a multicast IPv6 address (ff00::/8)'],
];

const LISTS = RANGES.map(([net, prefix, type, reason]) => {
  const list = new BlockList();
  list.addSubnet(net, prefix, type);
  return { list, type, reason };
});

/** IPv6 forms that carry an IPv4 address, which is what is really reached: mapped (::ffff:a.b.c.d), NAT64 (64:ff9b::/96), 6to4 (2002::/16). */
function embeddedIpv4(ipv6: string): string | null {
  const words = expandIpv6(ipv6);
  if (!words) return null;
  const v4 = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  if (words.slice(0, 5).every((w) => w === 0) && words[5] === 0xffff) return v4(words[6]!, words[7]!);
  if (words[0] === 0x64 && words[1] === 0xff9b && words.slice(2, 6).every((w) => w === 0)) return v4(words[6]!, words[7]!);
  if (words[0] === 0x2002) return v4(words[1]!, words[2]!);
  return null;
}

/** The eight 16-bit words of an IPv6 address (a dotted IPv4 tail included); null when it is not one. */
function expandIpv6(address: string): number[] | null {
  let text = address.toLowerCase().replace(/%.*$/, '');
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const part = (s: string) => (s === '' ? [] : s.split(':').map((w) => parseInt(w, 16)));
  const left = part(head);
  const right = tail === undefined ? [] : part(tail);
  const fill = 8 - left.length - right.length;
  if (fill < 0 || (tail === undefined && fill !== 0)) return null;
  const words = [...left, ...new Array<number>(fill).fill(0), ...right];
  return words.every((w) => Number.isInteger(w) && w >= 0 && w <= 0xffff) ? words : null;
}

/**
 * Why the bot refuses to connect to `address` for a URL it did not get from
 * its operator (private, loopback, link-local, metadata, multicast, reserved),
 * e.g. "a loopback address (this machine)"; null for a public address. IPv6
 * forms that embed an IPv4 address are judged by that address.
 */
export function refusalOf(address: string): string | null {
  const family = isIP(address.replace(/%.*$/, ''));
  if (family === 0) return 'not an IP address';
  if (family === 6) {
    const v4 = embeddedIpv4(address);
    if (v4 !== null) return refusalOf(v4);
  }
  const type = family === 4 ? 'ipv4' : 'ipv6';
  const bare = address.replace(/%.*$/, '');
  return LISTS.find((l) => l.type === type && l.list.check(bare, type))?.reason ?? null;
}

/** Thrown (inside a connection attempt) when a URL leads to an address the bot refuses; fetch failures say why. */
export class AddressRefusedError extends Error {
  readonly code = 'EADDRREFUSED';

  constructor(
    readonly host: string,
    readonly address: string,
    readonly reason: string,
  ) {
    super(host === address ? `${address} is ${reason}` : `${host} resolves to ${address}, ${reason}`);
    this.name = 'AddressRefusedError';
  }
}

/** The refused-address error in `err` or its causes, if any. */
export function findAddressRefusal(err: unknown): AddressRefusedError | null {
  let current: unknown = err;
  for (let depth = 0; depth < 6 && typeof current === 'object' && current !== null; depth++) {
    if (current instanceof AddressRefusedError) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}
