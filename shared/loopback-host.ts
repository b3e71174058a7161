// Which hosts are this machine: the one rule behind "plain http only to localhost" (server URL) and
// "no TLS needed" (database host).

const IPV4_OCTET = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/

/**
 * Numeric 127.0.0.0/8, `localhost` and `::1` (`[::1]` as URLs write it). A name that merely starts
 * like one (`127.evil.example`, `localhost.evil.example`) is resolved by DNS, so it is not loopback.
 */
export function isLoopbackHost(host: string): boolean {
  const name = host.toLowerCase()
  if (name === 'localhost' || name === '::1' || name === '[::1]') return true
  const octets = name.split('.')
  return octets.length === 4 && octets[0] === '127' && octets.every((octet) => IPV4_OCTET.test(octet))
}
