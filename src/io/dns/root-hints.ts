// Data, with its date: the root servers (IANA's named.root) where --trace starts without
// --server, and the root zone's trust anchor (IANA root-anchors.xml) where --trace
// --dnssec starts without --trust-anchor. Both change rarely and publicly; update from
// https://www.internic.net/domain/named.root and https://data.iana.org/root-anchors/.

/** named.root as published 2023-12-20 (b.root-servers.net renumbered on 2023-11-27). */
export const ROOT_HINTS_DATE = '2023-12-20';

export interface RootServer {
  name: string;
  ipv4: string;
  ipv6: string;
}

export const ROOT_SERVERS: readonly RootServer[] = [
  { name: 'a.root-servers.net', ipv4: '198.41.0.4', ipv6: '2001:503:ba3e::2:30' },
  { name: 'b.root-servers.net', ipv4: '170.247.170.2', ipv6: '2801:1b8:10::b' },
  { name: 'c.root-servers.net', ipv4: '192.33.4.12', ipv6: '2001:500:2::c' },
  { name: 'd.root-servers.net', ipv4: '199.7.91.13', ipv6: '2001:500:2d::d' },
  { name: 'e.root-servers.net', ipv4: '192.203.230.10', ipv6: '2001:500:a8::e' },
  { name: 'f.root-servers.net', ipv4: '192.5.5.241', ipv6: '2001:500:2f::f' },
  { name: 'g.root-servers.net', ipv4: '192.112.36.4', ipv6: '2001:500:12::d0d' },
  { name: 'h.root-servers.net', ipv4: '198.97.190.53', ipv6: '2001:500:1::53' },
  { name: 'i.root-servers.net', ipv4: '192.36.148.17', ipv6: '2001:7fe::53' },
  { name: 'j.root-servers.net', ipv4: '192.58.128.30', ipv6: '2001:503:c27::2:30' },
  { name: 'k.root-servers.net', ipv4: '193.0.14.129', ipv6: '2001:7fd::1' },
  { name: 'l.root-servers.net', ipv4: '199.7.83.42', ipv6: '2001:500:9f::42' },
  { name: 'm.root-servers.net', ipv4: '202.12.27.33', ipv6: '2001:dc3::35' },
];

/**
 * The root trust anchors as DS records (RFC 7958 publishes them so): KSK-2017 (key tag
 * 20326, in use since 2018-10-11) and KSK-2024 (key tag 38696, published 2025-01-11, to
 * sign from 2026-10-11). As listed in root-anchors.xml, 2024.
 */
export const ROOT_ANCHORS_DATE = '2024-07-24';
export const ROOT_ANCHORS = `. IN DS 20326 8 2 E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D
. IN DS 38696 8 2 683D2D0ACB8C9B712A1948B27F741219298D0A450D612C483AF444A4C0FB2B16
`;
