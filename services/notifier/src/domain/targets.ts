import { lookup } from 'node:dns/promises';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { isProduction } from '../env.ts';

/** What webhook targets this process may call. */
export interface TargetCheck {
  /**
   * Development switch (`WEBHOOK_ALLOW_LOOPBACK`): also allow a receiver on this machine — a target
   * whose every address is loopback (127.0.0.0/8, ::1), over http or https, on any port. Private and
   * link-local targets stay refused. Refused outright when `NODE_ENV=production`.
   */
  allowLoopback?: boolean;
  /** Ports allowed besides 443 (`WEBHOOK_PORTS`). */
  ports?: number[];
  /** Resolves a host name (injectable for tests); default: the system resolver, all addresses. */
  resolve?: (host: string) => Promise<string[]>;
}

/** A target that passed the check, with the address it was judged by: the one to connect to. */
export interface CheckedTarget {
  url: URL;
  /** The host name as written in the URL (Host header and TLS server name). */
  host: string;
  address: string;
  family: 4 | 6;
}

export type TargetVerdict = { target: CheckedTarget; refused?: undefined } | { refused: string; target?: undefined };

/** Thrown when the loopback development switch is set in production. */
export class LoopbackSwitchInProduction extends Error {
  constructor() {
    super('webhook loopback targets are a development switch; refused when NODE_ENV=production');
    this.name = 'LoopbackSwitchInProduction';
  }
}

/** Throws when the target policy asks for the development switch in production. */
export function assertTargetPolicy(check: TargetCheck): void {
  if (check.allowLoopback && isProduction()) throw new LoopbackSwitchInProduction();
}

type Kind = 'public' | 'loopback' | 'blocked';
type IPv4 = ipaddr.IPv4;
type IPv6 = ipaddr.IPv6;

// Ranges ipaddr.js has no name for. IPv4-compatible addresses (::a.b.c.d, RFC 4291, deprecated)
// and the well-known NAT64 prefix, whose /96 layout puts the IPv4 address in the last 32 bits.
const IPV4_COMPATIBLE = ipaddr.IPv6.parseCIDR('::/96');
const NAT64_WELL_KNOWN = ipaddr.IPv6.parseCIDR('64:ff9b::/96');

const v4 = (bytes: number[]) => new ipaddr.IPv4(bytes);

/**
 * The IPv4 addresses an IPv6 address carries (and so where its packets may end up), undefined when
 * it carries none, or 'undecodable' for a prefix whose layout the operator chooses.
 */
function embeddedIPv4(address: IPv6): IPv4[] | 'undecodable' | undefined {
  const bytes = address.toByteArray();
  switch (address.range() as string) {
    case 'ipv4Mapped': // ::ffff:a.b.c.d
    case 'rfc6145': // IPv4-translated ::ffff:0:a.b.c.d
      return [v4(bytes.slice(12))];
    case 'rfc6052':
      // 64:ff9b::/96 carries the address in its last 32 bits. The local-use prefix 64:ff9b:1::/48
      // (RFC 8215) may embed it at any of RFC 6052's positions, so it cannot be judged: refused.
      return address.match(NAT64_WELL_KNOWN) ? [v4(bytes.slice(12))] : 'undecodable';
    case '6to4': // 2002:AABB:CCDD::/48
      return [v4(bytes.slice(2, 6))];
    case 'teredo': // 2001:0:server:flags:port:client, the client's address and port inverted
      return [v4(bytes.slice(4, 8)), v4(bytes.slice(12).map((b) => b ^ 0xff))];
  }
  if (address.match(IPV4_COMPATIBLE)) return [v4(bytes.slice(12))];
  return undefined;
}

function kindOf4(address: IPv4): Kind {
  const range = address.range();
  return range === 'unicast' ? 'public' : range === 'loopback' ? 'loopback' : 'blocked';
}

/**
 * Judges one address by ipaddr.js's ranges: only global unicast is public. An IPv6 address that
 * embeds IPv4 addresses (NAT64, 6to4, Teredo, IPv4-mapped, -translated, -compatible) is as public as
 * the least public of them.
 */
export function addressKind(text: string): Kind {
  let parsed: IPv4 | IPv6;
  try {
    parsed = ipaddr.parse(text);
  } catch {
    return 'blocked';
  }
  if (parsed.kind() === 'ipv4') return kindOf4(parsed as IPv4);
  const address = parsed as IPv6;
  const range = address.range() as string;
  if (range === 'loopback') return 'loopback';
  const embedded = embeddedIPv4(address);
  if (embedded === 'undecodable') return 'blocked';
  if (embedded) {
    const kinds = embedded.map(kindOf4);
    if (kinds.every((k) => k === 'public')) return 'public';
    // ::ffff:127.0.0.1 is how a dual-stack socket names IPv4 loopback.
    return range === 'ipv4Mapped' && kinds[0] === 'loopback' ? 'loopback' : 'blocked';
  }
  return range === 'unicast' ? 'public' : 'blocked';
}

const systemResolve = (host: string) => lookup(host, { all: true, verbatim: true }).then((r) => r.map((a) => a.address));

// One message whatever the address was: a refusal never tells what a name resolves to.
const NOT_PUBLIC = 'an address webhooks may not target (private, loopback, link-local, reserved, or one embedding such an IPv4 address)';

/**
 * Checks a webhook URL: https on port 443 (or a configured port), no credentials, and every address
 * the host resolves to public. Returns the target with the address to connect to — the caller pins
 * its connection to that address, so a second DNS answer cannot move the request inwards — or the
 * reason it is refused. Reasons never contain a DNS answer.
 */
export async function checkTarget(raw: string, check: TargetCheck = {}): Promise<TargetVerdict> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { refused: 'not a URL' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { refused: 'must be http(s)' };
  if (url.username || url.password) return { refused: 'must not carry credentials' };
  const loopbackAllowed = check.allowLoopback === true;
  if (loopbackAllowed && isProduction()) return { refused: new LoopbackSwitchInProduction().message };
  const publicRules = (): string | undefined => {
    if (url.protocol !== 'https:') return 'must be https';
    const port = url.port === '' ? 443 : Number(url.port);
    if (port !== 443 && !check.ports?.includes(port))
      return `port ${port} is not allowed (443${check.ports?.length ? `, ${check.ports.join(', ')}` : ''})`;
    return undefined;
  };
  // Without the development switch the scheme and port are judged before any DNS question is asked.
  if (!loopbackAllowed) {
    const broken = publicRules();
    if (broken) return { refused: broken };
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const literal = isIP(host) !== 0;
  const addresses = literal ? [host] : await (check.resolve ?? systemResolve)(host).catch(() => [] as string[]);
  if (addresses.length === 0) return { refused: 'host does not resolve' };
  const kinds = addresses.map(addressKind);
  const allowed = (k: Kind) => k === 'public' || (k === 'loopback' && loopbackAllowed);
  if (!kinds.every(allowed)) return { refused: `${literal ? 'is' : 'resolves to'} ${NOT_PUBLIC}` };
  if (!kinds.every((k) => k === 'loopback')) {
    const broken = publicRules();
    if (broken) return { refused: broken };
  }
  const address = addresses[0]!;
  return { target: { url, host, address, family: isIP(address) === 6 ? 6 : 4 } };
}

/** The reason a webhook URL is refused, or undefined when it may be called (see {@link checkTarget}). */
export async function refuseTarget(raw: string, check: TargetCheck = {}): Promise<string | undefined> {
  return (await checkTarget(raw, check)).refused;
}

/**
 * A `lookup` for node:net that answers every question with the one address that was checked: the
 * HTTP client keeps the URL's host name (Host header, TLS server name and certificate check) but
 * can only connect where the check allowed.
 */
export function pinnedLookup(address: string, family: 4 | 6): LookupFunction {
  return ((_host: string, options: { all?: boolean } | ((...args: unknown[]) => void), callback?: (...args: unknown[]) => void) => {
    const done = (typeof options === 'function' ? options : callback)!;
    if (typeof options === 'object' && options?.all) done(null, [{ address, family }]);
    else done(null, address, family);
  }) as LookupFunction;
}
