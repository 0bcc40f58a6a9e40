import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/** Addresses a webhook may never target: private, loopback, link-local, unique-local, CGNAT, multicast, unspecified. */
const blocked = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3],
] as const) {
  blocked.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  blocked.addSubnet(net, prefix, 'ipv6');
}

export interface TargetCheck {
  /** Tests only: allow loopback and private targets (a receiver on this machine). */
  allowPrivateTargets?: boolean;
  /** Resolves a host name (injectable for tests); default: the system resolver, all addresses. */
  resolve?: (host: string) => Promise<string[]>;
}

/**
 * Refuses a webhook URL that is not http(s), carries credentials, or resolves to any address in a
 * blocked range. Returns the reason, or undefined when the URL may be called.
 */
export async function refuseTarget(raw: string, check: TargetCheck = {}): Promise<string | undefined> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'not a URL';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must be http(s)';
  if (url.username || url.password) return 'must not carry credentials';
  if (check.allowPrivateTargets) return undefined;
  if (url.protocol !== 'https:') return 'must be https';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host) ? [host] : await (check.resolve ?? ((h) => lookup(h, { all: true }).then((r) => r.map((a) => a.address))))(host).catch(() => []);
  if (addresses.length === 0) return `host ${host} does not resolve`;
  for (const address of addresses) {
    // An IPv4-mapped IPv6 address (::ffff:10.0.0.1) is judged as the IPv4 address it carries.
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
    const [ip, family] = mapped ? [mapped, 'ipv4' as const] : [address, isIP(address) === 6 ? ('ipv6' as const) : ('ipv4' as const)];
    if (blocked.check(ip, family)) return `resolves to ${address}, a private, loopback or link-local address`;
  }
  return undefined;
}
