import { platformEnvSchema, readEnv } from '@liaison/config';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  assertTargetPolicy,
  checkTarget,
  LoopbackSwitchInProduction,
  pinnedLookup,
  refuseTarget,
  type TargetCheck,
} from '../src/domain/targets.ts';

// The oracle: IPv4 ranges no webhook may reach, written out here from the IANA special-purpose
// registry (RFC 6890 and successors) independently of the ipaddr.js table the code uses.
// AS112 and AMT are globally reachable but serve no webhooks; they are refused too.
const BLOCKED_V4: [string, number][] = [
  ['0.0.0.0', 8], // this network
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // shared address space (CGNAT)
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local (cloud metadata)
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // TEST-NET-1
  ['192.31.196.0', 24], // AS112
  ['192.52.193.0', 24], // AMT
  ['192.88.99.0', 24], // 6to4 relay anycast (deprecated)
  ['192.168.0.0', 16], // private
  ['192.175.48.0', 24], // AS112
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // TEST-NET-2
  ['203.0.113.0', 24], // TEST-NET-3
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
];

const toInt = (dotted: string) => dotted.split('.').reduce((n, o) => n * 256 + Number(o), 0);
const blockedNets = BLOCKED_V4.map(([net, bits]) => ({ base: toInt(net), size: 2 ** (32 - bits) }));
const isBlocked = (n: number) => blockedNets.some((r) => n >= r.base && n < r.base + r.size);
const bytesOf = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
const dotted = (b: number[]) => b.join('.');
const hex16 = (hi: number, lo: number) => ((hi << 8) | lo).toString(16);

const blockedV4 = fc.tuple(fc.nat(blockedNets.length - 1), fc.nat(2 ** 32 - 1)).map(([i, r]) => {
  const net = blockedNets[i]!;
  return bytesOf(net.base + (r % net.size));
});
const publicV4 = fc
  .nat(2 ** 32 - 1)
  .filter((n) => !isBlocked(n))
  .map(bytesOf);
const word = fc.nat(0xffff).map((n) => n.toString(16));
/** Teredo (RFC 4380): 2001:0::/32, the server's IPv4 address, flags, then port and client address inverted. */
const teredo = (client: number[], server: number[], flags: string, port: string) =>
  `2001:0:${hex16(server[0]!, server[1]!)}:${hex16(server[2]!, server[3]!)}:${flags}:${port}:${hex16(client[0]! ^ 255, client[1]! ^ 255)}:${hex16(client[2]! ^ 255, client[3]! ^ 255)}`;

/** Every IPv6 form that carries an IPv4 address, as a generator of text for a given IPv4 address. */
const encodings: Record<string, (v4: number[], server: number[]) => fc.Arbitrary<string>> = {
  'IPv4-mapped': (b) => fc.constant(`::ffff:${dotted(b)}`),
  'IPv4-mapped (hex)': (b) => fc.constant(`::ffff:${hex16(b[0]!, b[1]!)}:${hex16(b[2]!, b[3]!)}`),
  'IPv4-translated ::ffff:0:a.b.c.d': (b) => fc.constant(`::ffff:0:${dotted(b)}`),
  'IPv4-compatible ::a.b.c.d': (b) => fc.constant(`::${dotted(b)}`),
  'NAT64 64:ff9b::/96': (b) => fc.constant(`64:ff9b::${dotted(b)}`),
  '6to4 2002::/16': (b) => fc.tuple(word, word).map(([s, i]) => `2002:${hex16(b[0]!, b[1]!)}:${hex16(b[2]!, b[3]!)}:${s}::${i}`),
  'Teredo (client obfuscated)': (b, server) => fc.tuple(word, word).map(([flags, port]) => teredo(b, server, flags, port)),
};
const encodingNames = Object.keys(encodings);

/** An IPv4 address in one embedded form, as a URL literal or as a DNS answer. */
function embedded(v4: fc.Arbitrary<number[]>) {
  return fc
    .record({ b: v4, server: publicV4, name: fc.constantFrom(...encodingNames), literal: fc.boolean() })
    .chain((x) => encodings[x.name]!(x.b, x.server).map((v6) => ({ ...x, v6 })));
}

const viaDns = (answers: string[]): TargetCheck => ({ resolve: async () => answers });
const urlFor = (literal: boolean, v6: string) => (literal ? `https://[${v6}]/hook` : 'https://partner.example/hook');

describe('webhook targets (generated)', () => {
  it('refuses every embedded-IPv4 encoding of every blocked IPv4 range, as a literal or a DNS answer', async () => {
    await fc.assert(
      fc.asyncProperty(embedded(blockedV4), async ({ v6, literal, name }) => {
        const reason = await refuseTarget(urlFor(literal, v6), viaDns([v6]));
        expect(reason, `${name} ${v6}`).toBeDefined();
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses a Teredo address whose server is blocked, even with a public client', async () => {
    await fc.assert(
      fc.asyncProperty(publicV4, blockedV4, word, word, async (client, server, flags, port) => {
        const v6 = teredo(client, server, flags, port);
        expect(await refuseTarget('https://partner.example/', viaDns([v6])), v6).toBeDefined();
      }),
      { numRuns: 300 },
    );
  });

  it('allows every embedded-IPv4 encoding of a public IPv4 address, and pins the address it judged', async () => {
    await fc.assert(
      fc.asyncProperty(embedded(publicV4), async ({ v6, literal, name }) => {
        const verdict = await checkTarget(urlFor(literal, v6), viaDns([v6]));
        expect(verdict.refused, `${name} ${v6}`).toBeUndefined();
        expect(verdict.target?.family).toBe(6);
        if (!literal) expect(verdict.target?.address).toBe(v6);
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses the local-use NAT64 prefix 64:ff9b:1::/48 whatever it embeds (its layout is the operator’s choice)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(publicV4, blockedV4), word, word, word, fc.boolean(), async (b, w1, w2, w3, literal) => {
        const v6 = `64:ff9b:1:${w1}:${w2}:${w3}:${hex16(b[0]!, b[1]!)}:${hex16(b[2]!, b[3]!)}`;
        expect(await refuseTarget(urlFor(literal, v6), viaDns([v6])), v6).toBeDefined();
      }),
    );
  });

  it('refuses blocked IPv4 addresses and allows public ones', async () => {
    await fc.assert(
      fc.asyncProperty(blockedV4, fc.boolean(), async (b, literal) => {
        const url = literal ? `https://${dotted(b)}/hook` : 'https://partner.example/hook';
        expect(await refuseTarget(url, viaDns([dotted(b)])), dotted(b)).toBeDefined();
      }),
      { numRuns: 1000 },
    );
    await fc.assert(
      fc.asyncProperty(publicV4, fc.boolean(), async (b, literal) => {
        const url = literal ? `https://${dotted(b)}/hook` : 'https://partner.example/hook';
        const verdict = await checkTarget(url, viaDns([dotted(b)]));
        expect(verdict.refused, dotted(b)).toBeUndefined();
        expect(verdict.target).toMatchObject({ address: dotted(b), family: 4 });
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses non-global IPv6 ranges and allows global unicast', async () => {
    const inPrefix = (prefix: string) => fc.tuple(word, word, word, word).map((w) => `${prefix}:${w.join(':')}`);
    const blocked6 = fc.oneof(
      fc.constantFrom(
        '::1',
        '::',
        'fe80::1',
        'fc00::1',
        'fd12:3456::1',
        'ff02::1',
        'ff05::1:3',
        '100::1',
        '2001:db8::1',
        'fec0::1',
        '2001:2::1',
        '3fff::1',
      ),
      inPrefix('fe80:0:0:0'),
      inPrefix('fd00:0:0:0'),
      inPrefix('ff0e:0:0:0'),
      inPrefix('2001:db8:0:0'),
    );
    await fc.assert(
      fc.asyncProperty(blocked6, fc.boolean(), async (v6, literal) => {
        expect(await refuseTarget(urlFor(literal, v6), viaDns([v6])), v6).toBeDefined();
      }),
      { numRuns: 500 },
    );
    // 2400::/6 .. 2c00::/6: allocated global unicast, none of it special-purpose.
    const global6 = fc
      .tuple(fc.integer({ min: 0x2400, max: 0x2fff }), word, word, word)
      .map(([a, ...w]) => `${a.toString(16)}:${w.join(':')}::1`);
    await fc.assert(
      fc.asyncProperty(global6, fc.boolean(), async (v6, literal) => {
        expect(await refuseTarget(urlFor(literal, v6), viaDns([v6])), v6).toBeUndefined();
      }),
      { numRuns: 500 },
    );
  });

  it('refuses a name when any one of its addresses is blocked', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(publicV4, { maxLength: 3 }), embedded(blockedV4), fc.nat(3), async (publics, bad, at) => {
        const answers = publics.map(dotted);
        answers.splice(Math.min(at, answers.length), 0, bad.v6);
        expect(await refuseTarget('https://partner.example/hook', viaDns(answers)), answers.join(' ')).toBeDefined();
      }),
    );
  });

  it('never echoes a DNS answer in a refusal', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          embedded(blockedV4),
          blockedV4.map((b) => ({ v6: dotted(b), b })),
        ),
        async (x) => {
          const reason = (await refuseTarget('https://partner.example/hook', viaDns([x.v6])))!;
          expect(reason).toBeDefined();
          expect(reason).not.toContain(x.v6);
          expect(reason).not.toContain(dotted(x.b));
          expect(reason).not.toMatch(/\d+\.\d+\.\d+\.\d+|[0-9a-f]*:[0-9a-f]*:/i);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('allows port 443 and the configured ports only, and asks DNS nothing for a refused port or scheme', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 65535 }),
        fc.uniqueArray(fc.integer({ min: 1, max: 65535 }), { maxLength: 3 }),
        async (port, ports) => {
          let asked = 0;
          const check: TargetCheck = {
            ports,
            resolve: async () => {
              asked++;
              return ['93.184.216.34'];
            },
          };
          const reason = await refuseTarget(`https://partner.example:${port}/hook`, check);
          if (port === 443 || ports.includes(port)) expect(reason).toBeUndefined();
          else {
            expect(reason).toMatch(/port/);
            expect(asked).toBe(0);
          }
        },
      ),
    );
    let asked = 0;
    const counting = async () => {
      asked++;
      return ['93.184.216.34'];
    };
    expect(await refuseTarget('http://partner.example/hook', { resolve: counting })).toBe('must be https');
    expect(asked).toBe(0);
    for (const url of ['ftp://partner.example/', 'https://user:pw@partner.example/', 'not a url'])
      expect(await refuseTarget(url, viaDns(['93.184.216.34'])), url).toBeDefined();
    expect(await refuseTarget('https://nowhere.example/', { resolve: async () => [] })).toBe('host does not resolve');
  });
});

describe('the loopback development switch', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('allows a receiver on this machine (http, any port) but still no private or link-local target', async () => {
    const dev: TargetCheck = { allowLoopback: true };
    for (const url of ['http://127.0.0.1:8080/hook', 'http://[::1]:3001/', 'https://127.0.0.5:9443/'])
      expect(await refuseTarget(url, dev), url).toBeUndefined();
    expect(await refuseTarget('http://localhost:8080/', { ...dev, resolve: async () => ['127.0.0.1', '::1'] })).toBeUndefined();
    for (const url of [
      'http://10.0.0.1:8080/',
      'https://192.168.1.1/',
      'https://169.254.169.254/',
      'https://[fd00::1]/',
      'https://[64:ff9b::a00:1]/',
    ])
      expect(await refuseTarget(url, dev), url).toBeDefined();
    // A public target still follows the public rules under the switch.
    expect(await refuseTarget('http://partner.example/', { ...dev, resolve: async () => ['93.184.216.34'] })).toBe('must be https');
    expect(await refuseTarget('https://partner.example:8443/', { ...dev, resolve: async () => ['93.184.216.34'] })).toMatch(/port/);
    // Without the switch, loopback is refused like any other inward target.
    expect(await refuseTarget('https://127.0.0.1/hook')).toBeDefined();
    expect(await refuseTarget('https://localhost/', { resolve: async () => ['127.0.0.1'] })).toBeDefined();
  });

  it('cannot be turned on with NODE_ENV=production: not by configuration, not by the notifier’s options', async () => {
    expect(() => readEnv(platformEnvSchema, { NODE_ENV: 'production', WEBHOOK_ALLOW_LOOPBACK: 'true' })).toThrow(/WEBHOOK_ALLOW_LOOPBACK/);
    expect(readEnv(platformEnvSchema, { NODE_ENV: 'development', WEBHOOK_ALLOW_LOOPBACK: 'true' }).WEBHOOK_ALLOW_LOOPBACK).toBe(true);
    expect(readEnv(platformEnvSchema, { NODE_ENV: 'production' }).WEBHOOK_ALLOW_LOOPBACK).toBe(false);

    vi.stubEnv('NODE_ENV', 'production');
    expect(() => assertTargetPolicy({ allowLoopback: true })).toThrow(LoopbackSwitchInProduction);
    expect(() => assertTargetPolicy({})).not.toThrow();
    // Even a caller that skipped the factory's check gets every loopback target refused.
    expect(await refuseTarget('http://127.0.0.1:8080/hook', { allowLoopback: true })).toMatch(/production/);
    expect(await refuseTarget('https://partner.example/', { allowLoopback: true, resolve: async () => ['93.184.216.34'] })).toMatch(
      /production/,
    );
  });
});

describe('the pinned lookup', () => {
  it('answers every question with the checked address only', async () => {
    const lookup = pinnedLookup('93.184.216.34', 4);
    const one = await new Promise((r) => lookup('attacker-rebinds.example', {}, (_e, address, family) => r({ address, family })));
    expect(one).toEqual({ address: '93.184.216.34', family: 4 });
    const all = await new Promise((r) => lookup('attacker-rebinds.example', { all: true }, (_e, addresses) => r(addresses)));
    expect(all).toEqual([{ address: '93.184.216.34', family: 4 }]);
  });
});
