<?php
/**
 * Which target URLs a hook may deliver to.
 *
 * Pure PHP (the resolver is injected) so that PHPUnit can check it without a network.
 *
 * @package wpjz-companion
 */

defined( 'ABSPATH' ) || exit;

/**
 * Target URL checks, stricter than wp_http_validate_url(): besides WordPress's private IPv4
 * ranges it refuses link-local (cloud metadata at 169.254.169.254), shared, multicast and
 * reserved ranges and their IPv6 counterparts, for every address the host resolves to.
 */
class Wpjz_Target {

	/**
	 * Ports wp_safe_remote_post() accepts by default (filter http_allowed_safe_ports).
	 *
	 * @var int[]
	 */
	const SAFE_PORTS = array( 80, 443, 8080 );

	/**
	 * IPv4 ranges no hook may reach (CIDR).
	 *
	 * @var string[]
	 */
	const BLOCKED_V4 = array(
		'0.0.0.0/8',
		'10.0.0.0/8',
		'100.64.0.0/10',
		'127.0.0.0/8',
		'169.254.0.0/16',
		'172.16.0.0/12',
		'192.0.0.0/24',
		'192.168.0.0/16',
		'198.18.0.0/15',
		'224.0.0.0/4',
		'240.0.0.0/4',
	);

	/**
	 * Checks a target URL.
	 *
	 * @param string   $url     The URL the subscriber gave.
	 * @param bool     $local   True when wp_get_environment_type() is 'local': loopback allowed.
	 * @param callable $resolve Host name => list of IP addresses (empty when it does not resolve).
	 * @param int[]    $ports   Ports allowed for non-loopback targets.
	 * @return string|null Null when the URL is acceptable, else the reason it is not.
	 */
	public static function problem( $url, $local, $resolve, $ports = self::SAFE_PORTS ) {
		if ( ! is_string( $url ) || '' === $url || strlen( $url ) > 2048 || preg_match( '/[\s\x00-\x1f]/', $url ) ) {
			return 'The target URL is empty or not a URL.';
		}
		$parts = parse_url( $url );
		if ( ! is_array( $parts ) || empty( $parts['scheme'] ) || empty( $parts['host'] ) ) {
			return 'The target URL is not an absolute URL.';
		}
		$scheme = strtolower( $parts['scheme'] );
		// Plain http is only ever allowed to a local site's loopback: anywhere else it is refused
		// before the host is looked up, so a refused URL costs no DNS query (and tells no resolver).
		if ( 'https' !== $scheme && ( 'http' !== $scheme || ! $local ) ) {
			return 'The target URL must use https.';
		}
		if ( isset( $parts['user'] ) || isset( $parts['pass'] ) ) {
			return 'The target URL must not carry a user name or password.';
		}
		$host = strtolower( trim( $parts['host'], '[]' ) );
		$ips  = self::addresses( $host, $resolve );
		if ( array() === $ips ) {
			return 'The target host does not resolve.';
		}
		if ( $local && self::all_loopback( $ips ) ) {
			return null; // A local site's tests: loopback on any port, http or https.
		}
		if ( 'https' !== $scheme ) {
			return 'The target URL must use https.'; // A local site's http target that is not loopback.
		}
		foreach ( $ips as $ip ) {
			if ( self::is_blocked_ip( $ip ) ) {
				return 'The target URL points to a private, loopback or metadata address.';
			}
		}
		if ( isset( $parts['port'] ) && ! in_array( (int) $parts['port'], $ports, true ) ) {
			return 'The target URL uses a port WordPress does not send to (allowed: ' . implode( ', ', $ports ) . ').';
		}
		return null;
	}

	/**
	 * The addresses of a host: itself when it is an IP literal, else what the resolver says.
	 *
	 * @param string   $host    Host, without brackets.
	 * @param callable $resolve Resolver.
	 * @return string[]
	 */
	private static function addresses( $host, $resolve ) {
		if ( false !== filter_var( $host, FILTER_VALIDATE_IP ) ) {
			return array( $host );
		}
		if ( 'localhost' === $host ) {
			return array( '127.0.0.1' ); // By name, as WordPress treats it: never asked of DNS.
		}
		if ( ! preg_match( '/^[a-z0-9.-]+$/', $host ) ) {
			return array();
		}
		$ips = call_user_func( $resolve, $host );
		return is_array( $ips ) ? array_values( array_filter( $ips, 'is_string' ) ) : array();
	}

	/**
	 * True when every address of the host is loopback.
	 *
	 * @param string[] $ips Its addresses.
	 * @return bool
	 */
	private static function all_loopback( $ips ) {
		foreach ( $ips as $ip ) {
			if ( '::1' !== $ip && ! self::in_cidr( $ip, '127.0.0.0/8' ) ) {
				return false;
			}
		}
		return true;
	}

	/**
	 * True for addresses no hook may reach.
	 *
	 * @param string $ip IPv4 or IPv6 address.
	 * @return bool
	 */
	public static function is_blocked_ip( $ip ) {
		if ( false !== filter_var( $ip, FILTER_VALIDATE_IP, FILTER_FLAG_IPV4 ) ) {
			foreach ( self::BLOCKED_V4 as $cidr ) {
				if ( self::in_cidr( $ip, $cidr ) ) {
					return true;
				}
			}
			return false;
		}
		$bin = @inet_pton( $ip ); // phpcs:ignore Generic.PHP.NoSilencedErrors.Discouraged -- a bad address is simply blocked.
		if ( false === $bin || 16 !== strlen( $bin ) ) {
			return true;
		}
		if ( str_starts_with( $bin, str_repeat( "\0", 10 ) . "\xff\xff" ) ) {
			return self::is_blocked_ip( inet_ntop( substr( $bin, 12 ) ) ); // IPv4-mapped.
		}
		$first = ord( $bin[0] );
		$zeros = str_repeat( "\0", 15 );
		return $bin === $zeros . "\0" || $bin === $zeros . "\1" // Unspecified, loopback.
			|| 0xfc === ( $first & 0xfe ) // Unique local fc00::/7.
			|| ( 0xfe === $first && 0x80 === ( ord( $bin[1] ) & 0xc0 ) ) // Link-local fe80::/10.
			|| 0xff === $first; // Multicast.
	}

	/**
	 * True when an IPv4 address lies in a CIDR range.
	 *
	 * @param string $ip   IPv4 address.
	 * @param string $cidr Range, as a.b.c.d/n.
	 * @return bool
	 */
	private static function in_cidr( $ip, $cidr ) {
		list( $net, $bits ) = explode( '/', $cidr );
		$ip_long            = ip2long( $ip );
		if ( false === $ip_long ) {
			return false;
		}
		$mask = -1 << ( 32 - (int) $bits );
		return ( $ip_long & $mask ) === ( ip2long( $net ) & $mask );
	}

	/**
	 * Default resolver: A and AAAA records.
	 *
	 * @param string $host Host name.
	 * @return string[]
	 */
	public static function resolve( $host ) {
		$ips     = array();
		$records = @dns_get_record( $host, DNS_A | DNS_AAAA ); // phpcs:ignore Generic.PHP.NoSilencedErrors.Discouraged -- no answer is an empty list.
		foreach ( is_array( $records ) ? $records : array() as $record ) {
			if ( isset( $record['ip'] ) ) {
				$ips[] = $record['ip'];
			} elseif ( isset( $record['ipv6'] ) ) {
				$ips[] = $record['ipv6'];
			}
		}
		if ( array() === $ips ) {
			$v4  = gethostbynamel( $host );
			$ips = is_array( $v4 ) ? $v4 : array();
		}
		return $ips;
	}
}
