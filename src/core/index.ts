// netkit's public library: pure IP arithmetic, no I/O. Everything here runs unchanged
// in a browser, a serverless function or a shell tool.

export { InputError, NetkitError, NetkitRangeError, quoteInput, type InputKind } from './errors.js';
export { safeText, safeJson, isUnsafeCodePoint } from './safe-text.js';
export {
  Address,
  formatV4,
  isAddress,
  parseAddress,
  parseIPv4,
  parseIPv6,
  tryParseAddress,
  type IPVersion,
} from './address.js';
export {
  checkPrefixLength,
  hostmaskOf,
  ipv6NetmaskLength,
  netmaskOf,
  parseMask,
  parsePrefixLength,
  type MaskForm,
  type ParsedMask,
} from './mask.js';
export { Prefix, parseAddressWithMask, parseNetwork, parsePrefix, type AddressWithMask } from './prefix.js';
export { Subnet, addressClass, binaryView, subnet, type AddressClass, type AddressRole, type BinaryView } from './network.js';
export {
  IPV4_SPECIAL_REGISTRY,
  IPV6_SPECIAL_REGISTRY,
  classify,
  embeddedIPv4,
  isGloballyReachable,
  isLinkLocal,
  isLoopback,
  isMulticast,
  isPrivate,
  isRfc1918,
  isSiteLocal,
  isUniqueLocal,
  isUnspecified,
  specialRow,
  type Classification,
  type EmbeddedIPv4,
  type SpecialRow,
} from './special.js';
export { ptrName, reverseZone } from './reverse.js';
export { commonPrefixLength, sameNetwork, type SameNetworkResult } from './samenet.js';
export {
  buildSubnetReport,
  roleNote,
  sameNetReport,
  subnetReport,
  type SameNetReport,
  type SubnetReport,
} from './report.js';
export { subnetReportToJson } from './report.js';
export {
  IPv4Lookup,
  IPv4Ranges,
  IPv6Lookup,
  IPv6Ranges,
  excludeIPv4,
  excludeIPv6,
  intersectIPv4,
  intersectIPv6,
  ipv4RangeToCidrs,
  ipv6RangeToCidrs,
  ipv6RangeToCidrWords,
  type IPv4RangeList,
  type IPv6RangeList,
} from './ranges.js';
export {
  AddressSet,
  IPRange,
  excludeCidrs,
  intersectCidrs,
  mergeCidrs,
  parseRange,
  parseSetEntry,
  rangeToCidrs,
  type SetEntry,
} from './sets.js';
export {
  prefixLengthForHosts,
  splitByHosts,
  splitByPrefix,
  splitIntoCount,
  subnetCount,
  subnetsOf,
  usableHostsFor,
  type PlannedSubnet,
  type SplitPlan,
} from './planning.js';
export { scanIPv4Bytes, scanIPv6Bytes } from './fastscan.js';
export {
  compareRoutes,
  connectedNetwork,
  decideRoute,
  defaultRoutes,
  hostNetwork,
  interfaceAddress,
  isDefaultRoute,
  lookupRoute,
  type HostAddress,
  type Route,
  type RouteDecision,
  type RouteDecisionKind,
  type RouteKind,
} from './routes.js';
export {
  DnsNameError,
  MAX_LABEL_LENGTH,
  MAX_NAME_LENGTH,
  RECORD_TYPES,
  dnsNameToUnicode,
  isDnsName,
  parseDnsName,
  parseRecordType,
  parseServerSpec,
  punycodeDecode,
  punycodeEncode,
  type RecordType,
  type ServerSpec,
} from './dnsname.js';
