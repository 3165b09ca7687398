// The DNSSEC checks against the examples the RFCs print: key tag and DS digests of
// RFC 4034 5.4 / RFC 4509 2.3, and signed RRsets of RFC 5702 6, RFC 6605 6 and RFC 8080 6.
// Each positive row has a negative twin (one octet of data changed, or the clock moved
// outside the window), so a checker that always says "secure" fails here.
import { describe, expect, it } from 'vitest';
import { checkRrset, checkZoneKeys, dsDigest, keyTag, parseDs, parseRrsig } from '../../src/io/dns/dnssec.js';
import { parseZoneText } from '../../src/io/dns/zone-text.js';
import type { WireRr } from '../../src/io/dns/wire.js';

const hexOf = (b: Uint8Array): string => Buffer.from(b).toString('hex');

describe('RFC 4034 5.4 and RFC 4509 2.3: key tag and DS digests of dskey.example.com', () => {
  const [key] = parseZoneText(`
dskey.example.com. 86400 IN DNSKEY 256 3 5 ( AQOeiiR0GOMYkDshWoSKz9Xz
                                             fwJr1AYtsmx3TGkJaNXVbfi/
                                             2pHm822aJ5iI9BMzNXxeYCmZ
                                             DRD99WYwYqUSdjMmmAphXdvx
                                             egXd/M5+X7OrzKBaMbCVdFLU
                                             Uh6DhweJBjEVv5f2wwjM9Xzc
                                             nOf+EPbtG9DMBmADjFDc2w/r
                                             ljwvFw==
                                             ) ;  key id = 60485
`);
  it('key tag 60485', () => expect(keyTag(key.rdata)).toBe(60485));
  it('SHA-1 digest (RFC 4034)', () =>
    expect(hexOf(dsDigest('dskey.example.com', key.rdata, 1)!)).toBe('2bb183af5f22588179a53b0a98631fad1a292118'));
  it('SHA-256 digest (RFC 4509)', () =>
    expect(hexOf(dsDigest('dskey.example.com', key.rdata, 2)!)).toBe('d4b7d520e7bb5f0f67674a0cceb1e3e0614b93c4f9e99b8383f6a1e4469da50a'));
  it('owner case does not change the digest (canonical form)', () =>
    expect(hexOf(dsDigest('DSKEY.Example.COM.', key.rdata, 1)!)).toBe('2bb183af5f22588179a53b0a98631fad1a292118'));
  it('an unknown digest type gives no digest', () => expect(dsDigest('dskey.example.com', key.rdata, 3)).toBeUndefined());
});

interface Vector {
  rfc: string;
  zone: string;
  text: string;
  now: string; // a moment inside the validity window
  tag: number;
  ds?: string; // presentation DS the RFC gives for the key
}

const VECTORS: Vector[] = [
  {
    rfc: 'RFC 5702 6.1 RSASHA256',
    zone: 'example.net',
    now: '2010-01-01T00:00:00Z',
    tag: 9033,
    text: `
example.net. 3600 IN DNSKEY (256 3 8 AwEAAcFcGsaxxdgiuuGmCkVI
                my4h99CqT7jwY3pexPGcnUFtR2Fh36BponcwtkZ4cAgtvd4Qs8P
                kxUdp6p/DlUmObdk= );{id = 9033 (zsk), size = 512b}
www.example.net. 3600 IN A 192.0.2.91
www.example.net. 3600 IN RRSIG (A 8 3 3600 20300101000000
                20000101000000 9033 example.net. kRCOH6u7l0QGy9qpC9
                l1sLncJcOKFLJ7GhiUOibu4teYp5VE9RncriShZNz85mwlMgNEa
                cFYK/lPtPiVYP4bwg==);{id = 9033}`,
  },
  {
    rfc: 'RFC 5702 6.2 RSASHA512',
    zone: 'example.net',
    now: '2010-01-01T00:00:00Z',
    tag: 3740,
    text: `
example.net. 3600 IN DNSKEY (256 3 10 AwEAAdHoNTOW+et86KuJOWRD
                p1pndvwb6Y83nSVXXyLA3DLroROUkN6X0O6pnWnjJQujX/AyhqFD
                xj13tOnD9u/1kTg7cV6rklMrZDtJCQ5PCl/D7QNPsgVsMu1J2Q8g
                pMpztNFLpPBz1bWXjDtaR7ZQBlZ3PFY12ZTSncorffcGmhOL
                );{id = 3740 (zsk), size = 1024b}
www.example.net. 3600 IN A 192.0.2.91
www.example.net. 3600 IN RRSIG (A 10 3 3600 20300101000000
                20000101000000 3740 example.net. tsb4wnjRUDnB1BUi+t
                6TMTXThjVnG+eCkWqjvvjhzQL1d0YRoOe0CbxrVDYd0xDtsuJRa
                eUw1ep94PzEWzr0iGYgZBWm/zpq+9fOuagYJRfDqfReKBzMweOL
                DiNa8iP5g9vMhpuv6OPlvpXwm9Sa9ZXIbNl1MBGk0fthPgxdDLw
                =);{id = 3740}`,
  },
  {
    rfc: 'RFC 6605 6.1 ECDSAP256SHA256',
    zone: 'example.net',
    now: '2010-08-20T00:00:00Z',
    tag: 55648,
    ds: 'example.net. 3600 IN DS 55648 13 2 b4c8c1fe2e7477127b27115656ad6256f424625bf5c1e2770ce6d6e37df61d17',
    text: `
example.net. 3600 IN DNSKEY 257 3 13 (
        GojIhhXUN/u4v54ZQqGSnyhWJwaubCvTmeexv7bR6edb
        krSqQpF64cYbcB7wNcP+e+MAnLr+Wi9xMWyQLc8NAA== )
www.example.net. 3600 IN A 192.0.2.1
www.example.net. 3600 IN RRSIG A 13 3 3600 (
        20100909100439 20100812100439 55648 example.net.
        qx6wLYqmh+l9oCKTN6qIc+bw6ya+KJ8oMz0YP107epXA
        yGmt+3SNruPFKG7tZoLBLlUzGGus7ZwmwWep666VCw== )`,
  },
  {
    rfc: 'RFC 6605 6.2 ECDSAP384SHA384',
    zone: 'example.net',
    now: '2010-08-20T00:00:00Z',
    tag: 10771,
    ds: `example.net. 3600 IN DS 10771 14 4 (
        72d7b62976ce06438e9c0bf319013cf801f09ecc84b8
        d7e9495f27e305c6a9b0563a9b5f4d288405c3008a94
        6df983d6 )`,
    text: `
example.net. 3600 IN DNSKEY 257 3 14 (
        xKYaNhWdGOfJ+nPrL8/arkwf2EY3MDJ+SErKivBVSum1
        w/egsXvSADtNJhyem5RCOpgQ6K8X1DRSEkrbYQ+OB+v8
        /uX45NBwY8rp65F6Glur8I/mlVNgF6W/qTI37m40 )
www.example.net. 3600 IN A 192.0.2.1
www.example.net. 3600 IN RRSIG A 14 3 3600 (
        20100909102025 20100812102025 10771 example.net.
        /L5hDKIvGDyI1fcARX3z65qrmPsVz73QD1Mr5CEqOiLP
        95hxQouuroGCeZOvzFaxsT8Glr74hbavRKayJNuydCuz
        WTSSPdz7wnqXL5bdcJzusdnI0RSMROxxwGipWcJm )`,
  },
  {
    rfc: 'RFC 8080 6.1 ED25519 (first key)',
    zone: 'example.com',
    now: '2015-08-10T00:00:00Z',
    tag: 3613,
    ds: 'example.com. 3600 IN DS 3613 15 2 3aa5ab37efce57f737fc1627013fee07bdf241bd10f3b1964ab55c78e79a304b',
    text: `
example.com. 3600 IN DNSKEY 257 3 15 l02Woi0iS8Aa25FQkUd9RMzZHJpBoRQwAQEX1SxZJA4=
example.com. 3600 IN MX 10 mail.example.com.
example.com. 3600 IN RRSIG MX 15 2 3600 (
             1440021600 1438207200 3613 example.com. (
             oL9krJun7xfBOIWcGHi7mag5/hdZrKWw15jPGrHpjQeRAvTdszaPD+QLs3f
             x8A4M3e23mRZ9VrbpMngwcrqNAg== )`,
  },
  {
    rfc: 'RFC 8080 6.1 ED25519 (second key)',
    zone: 'example.com',
    now: '2015-08-10T00:00:00Z',
    tag: 35217,
    ds: 'example.com. 3600 IN DS 35217 15 2 401781b934e392de492ec77ae2e15d70f6575a1c0bc59c5275c04ebe80c6614c',
    text: `
example.com. 3600 IN DNSKEY 257 3 15 zPnZ/QwEe7S8C5SPz2OfS5RR40ATk2/rYnE9xHIEijs=
example.com. 3600 IN MX 10 mail.example.com.
example.com. 3600 IN RRSIG MX 15 2 3600 (
             1440021600 1438207200 35217 example.com. (
             zXQ0bkYgQTEFyfLyi9QoiY6D8ZdYo4wyUhVioYZXFdT410QPRITQSqJSnzQ
             oSm5poJ7gD7AQR0O7KuI5k2pcBg== )`,
  },
];

function split(rrs: WireRr[]): { keys: WireRr[]; sigs: WireRr[]; data: WireRr[] } {
  return {
    keys: rrs.filter((r) => r.type === 48),
    sigs: rrs.filter((r) => r.type === 46),
    data: rrs.filter((r) => r.type !== 48 && r.type !== 46),
  };
}

describe.each(VECTORS)('$rfc', (v) => {
  const { keys, sigs, data } = split(parseZoneText(v.text));
  const now = new Date(v.now);

  it('key tag as the RFC gives it', () => {
    expect(keyTag(keys[0].rdata)).toBe(v.tag);
    expect(parseRrsig(sigs[0].rdata).keyTag).toBe(v.tag);
  });
  it('the RRSIG verifies: secure', () => {
    expect(checkRrset(data, sigs, keys, v.zone, now)).toMatchObject({ status: 'secure', keyTag: v.tag });
  });
  it('the owner name in another case still verifies (canonical form)', () => {
    const upper = data.map((r) => ({ ...r, name: r.name.toUpperCase() }));
    expect(checkRrset(upper, sigs, keys, v.zone, now).status).toBe('secure');
  });
  it('one changed octet of data: bogus, signature does not verify', () => {
    const changed = data.map((r) => {
      const rdata = Uint8Array.from(r.rdata);
      rdata[rdata.length - 1] ^= 1;
      return { ...r, rdata };
    });
    const r = checkRrset(changed, sigs, keys, v.zone, now);
    expect(r.status).toBe('bogus');
    expect(r.reason).toContain('signature does not verify');
    expect(r.reason).toContain(`key tag ${v.tag}`);
  });
  it('a clock after the expiration: bogus, signature expired', () => {
    const r = checkRrset(data, sigs, keys, v.zone, new Date('2031-01-01T00:00:00Z'));
    expect(r.status).toBe('bogus');
    expect(r.reason).toMatch(/signature expired at \d{14}/);
  });
  it('a clock before the inception: bogus, not yet valid', () => {
    const r = checkRrset(data, sigs, keys, v.zone, new Date('1999-06-01T00:00:00Z'));
    expect(r.status).toBe('bogus');
    expect(r.reason).toContain('not valid until');
  });
  it('no key with the tag: bogus, names the tag', () => {
    const r = checkRrset(data, sigs, [], v.zone, now);
    expect(r.reason).toContain(`no DNSKEY with key tag ${v.tag}`);
  });
  if (v.ds) {
    const ds = parseZoneText(v.ds);
    it('the RFC DS matches the key', () => {
      const d = parseDs(ds[0].rdata);
      expect(hexOf(dsDigest(v.zone, keys[0].rdata, d.digestType)!)).toBe(hexOf(d.digest));
    });
    it('zone cut: the DS matches the key, but with no RRSIG over the DNSKEY set the cut is bogus', () => {
      const r = checkZoneKeys(v.zone, ds, keys, [], now);
      expect(r.matched).toEqual([v.tag]);
      expect(r.status).toBe('bogus');
      expect(r.reason).toContain('no RRSIG');
    });
    it('zone cut: a DS with another digest matches no key: bogus, names the DS key tag', () => {
      const bad = ds.map((d) => {
        const rdata = Uint8Array.from(d.rdata);
        rdata[rdata.length - 1] ^= 0xff;
        return { ...d, rdata };
      });
      const r = checkZoneKeys(v.zone, bad, keys, [], now);
      expect(r.status).toBe('bogus');
      expect(r.reason).toContain(`no DNSKEY matches DS key tag ${v.tag}`);
    });
  }
});

describe('algorithms netkit does not verify', () => {
  const { keys, sigs, data } = split(parseZoneText(VECTORS[4].text));
  it('an RRSIG with algorithm 16 (ED448) is insecure, "unsupported algorithm", not bogus', () => {
    const sig16 = sigs.map((s) => {
      const rdata = Uint8Array.from(s.rdata);
      rdata[2] = 16;
      return { ...s, rdata };
    });
    const r = checkRrset(data, sig16, keys, 'example.com', new Date('2015-08-10T00:00:00Z'));
    expect(r.status).toBe('insecure');
    expect(r.reason).toContain('unsupported algorithm ED448');
  });
  it('a DS set that only names RSASHA1 is insecure at the cut', () => {
    const ds = parseZoneText('dskey.example.com. IN DS 60485 5 1 2BB183AF5F22588179A53B0A98631FAD1A292118');
    expect(checkZoneKeys('dskey.example.com', ds, [], [], new Date()).status).toBe('insecure');
  });
  it('no DS at all is insecure: "no DS in the parent"', () => {
    expect(checkZoneKeys('example.com', [], keys, sigs, new Date()).reason).toContain('no DS in the parent');
  });
});
