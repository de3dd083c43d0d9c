import { isIPv6 } from 'node:net'

/**
 * The key a client address is counted under: an IPv4 address as it is, an
 * IPv6 address by its /64. A single IPv6 host is usually given a whole /64,
 * so counting full addresses would hand one client 2^64 allowances.
 */
export function addressKey (ip: string): string {
  const address = ip.split('%')[0] ?? ip
  if (!isIPv6(address)) return address
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address)
  if (mapped) return mapped[1]!
  const [head = '', tail] = address.split('::')
  const left = head === '' ? [] : head.split(':')
  const right = tail === undefined || tail === '' ? [] : tail.split(':')
  // An embedded IPv4 tail (::1.2.3.4) takes two groups' room; only the first four groups matter here.
  const width = (groups: string[]) => groups.reduce((n, g) => n + (g.includes('.') ? 2 : 1), 0)
  const groups = tail === undefined ? left : [...left, ...Array<string>(8 - width(left) - width(right)).fill('0'), ...right]
  return `${groups.slice(0, 4).map((g) => g.includes('.') ? g : parseInt(g, 16).toString(16)).join(':')}::/64`
}
