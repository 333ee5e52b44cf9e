import { lookup as dnsLookup } from 'node:dns';
import { isIP, isIPv4, type LookupFunction } from 'node:net';

/** True for 127.0.0.0/8, ::1 and IPv4-mapped 127.x addresses. */
export function isLoopbackAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '').toLowerCase();
  if (isIPv4(bare)) {
    return bare.startsWith('127.');
  }
  if (isIP(bare) !== 6) {
    return false;
  }
  if (/^(?:::|(?:0{1,4}:){7})0{0,3}1$/.test(bare)) {
    return true;
  }
  const mapped = /^(?:::|(?:0{1,4}:){5})ffff:(.+)$/.exec(bare);
  if (!mapped) {
    return false;
  }
  const tail = mapped[1];
  if (isIPv4(tail)) {
    return tail.startsWith('127.');
  }
  // WHATWG URL rewrites ::ffff:127.0.0.1 as ::ffff:7f00:1; the first hex group holds the first octet.
  const hex = /^([0-9a-f]{1,4}):[0-9a-f]{1,4}$/.exec(tail);
  return hex !== null && parseInt(hex[1], 16) >> 8 === 127;
}

/** True when a URL host is loopback: an IP in a loopback range, `localhost` or `*.localhost`. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  return host === 'localhost' || host.endsWith('.localhost') || isLoopbackAddress(host);
}

/**
 * DNS lookup that only yields loopback addresses, so a name like `localhost` can never lead the simulator
 * to send traffic off the machine, whatever the hosts file says.
 */
export const loopbackOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) {
      callback(error, '', 0);
      return;
    }
    const loopback = addresses.filter((entry) => isLoopbackAddress(entry.address));
    if (loopback.length === 0) {
      callback(
        Object.assign(new Error(`${hostname} does not resolve to a loopback address`), { code: 'ENOTFOUND' }),
        '',
        0,
      );
      return;
    }
    if (options.all) {
      callback(null, loopback);
    } else {
      callback(null, loopback[0].address, loopback[0].family);
    }
  });
};
