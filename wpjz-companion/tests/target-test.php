<?php
/**
 * Which target URLs a hook may use (no DNS: the resolver is a table).
 *
 * @package wpjz-companion
 */

use PHPUnit\Framework\TestCase;

/**
 * Wpjz_Target.
 */
class Target_Test extends TestCase {

	/**
	 * A fake resolver.
	 *
	 * @param string $host Host.
	 * @return string[]
	 */
	public static function dns( $host ) {
		$table = array(
			'hooks.zapier.com'   => array( '54.1.2.3' ),
			'metadata.internal'  => array( '169.254.169.254' ),
			'intranet.example'   => array( '10.1.2.3' ),
			'mixed.example'      => array( '54.1.2.3', '192.168.1.1' ),
			'six.example'        => array( '2600:1f18::1' ),
			'six-local.example'  => array( 'fd00::1' ),
			'mapped.example'     => array( '::ffff:127.0.0.1' ),
			'loop.example'       => array( '127.0.0.1' ),
		);
		return $table[ $host ] ?? array();
	}

	/**
	 * Checks a URL on a production site.
	 *
	 * @param string $url   URL.
	 * @param bool   $local Local environment.
	 * @return string|null
	 */
	private function check( $url, $local = false ) {
		return Wpjz_Target::problem( $url, $local, array( __CLASS__, 'dns' ) );
	}

	/**
	 * Public https targets pass; http, credentials, odd ports and non-URLs do not.
	 */
	public function test_public_https_only() {
		$this->assertNull( $this->check( 'https://hooks.zapier.com/hooks/standard/1/abc/' ) );
		$this->assertNull( $this->check( 'https://hooks.zapier.com:443/x' ) );
		$this->assertNull( $this->check( 'https://six.example/x' ) );
		$this->assertNotNull( $this->check( 'http://hooks.zapier.com/x' ) );
		$this->assertNotNull( $this->check( 'https://user:pw@hooks.zapier.com/x' ) );
		$this->assertNotNull( $this->check( 'https://hooks.zapier.com:22/x' ) );
		$this->assertNotNull( $this->check( 'ftp://hooks.zapier.com/x' ) );
		$this->assertNotNull( $this->check( 'hooks.zapier.com/x' ) );
		$this->assertNotNull( $this->check( '' ) );
		$this->assertNotNull( $this->check( "https://hooks.zapier.com/\nx" ) );
		$this->assertNotNull( $this->check( 'https://unknown.example/x' ), 'does not resolve' );
	}

	/**
	 * Private, loopback, link-local (metadata) and mapped addresses are refused, by name or literal.
	 */
	public function test_private_and_metadata_refused() {
		foreach ( array(
			'https://169.254.169.254/latest/meta-data/',
			'https://metadata.internal/',
			'https://intranet.example/',
			'https://mixed.example/',
			'https://10.0.0.1/',
			'https://172.16.5.4/',
			'https://192.168.0.10/',
			'https://100.64.1.1/',
			'https://0.0.0.0/',
			'https://127.0.0.1/',
			'https://[::1]/',
			'https://[fe80::1]/',
			'https://[fd12::1]/',
			'https://six-local.example/',
			'https://mapped.example/',
			'https://[::ffff:10.0.0.1]/',
			'https://localhost/',
		) as $url ) {
			$this->assertNotNull( $this->check( $url ), $url );
		}
	}

	/**
	 * On a site that is not local, an http URL is refused on its scheme alone: the resolver is never asked.
	 */
	public function test_http_refused_before_any_lookup() {
		$asked   = array();
		$resolve = function ( $host ) use ( &$asked ) {
			$asked[] = $host;
			return self::dns( $host );
		};
		foreach ( array( 'http://hooks.zapier.com/x', 'http://unknown.example/x', 'http://loop.example:8080/' ) as $url ) {
			$this->assertSame( 'The target URL must use https.', Wpjz_Target::problem( $url, false, $resolve ), $url );
		}
		$this->assertSame( array(), $asked, 'no host looked up for an http URL' );
		// The https URL is still resolved and checked (the spy does see it).
		$this->assertNull( Wpjz_Target::problem( 'https://hooks.zapier.com/x', false, $resolve ) );
		$this->assertSame( array( 'hooks.zapier.com' ), $asked );
	}

	/**
	 * On a local site loopback is allowed on any port, over http too; other private ranges are not.
	 */
	public function test_local_site_allows_loopback_only() {
		$this->assertNull( $this->check( 'http://127.0.0.1:45123/hook', true ) );
		$this->assertNull( $this->check( 'http://localhost:8000/hook', true ) );
		$this->assertNull( $this->check( 'https://[::1]:9000/hook', true ) );
		$this->assertNull( $this->check( 'http://loop.example:1234/', true ) );
		$this->assertNotNull( $this->check( 'http://127.0.0.1:45123/hook', false ) );
		$this->assertNotNull( $this->check( 'http://10.0.0.1:8080/', true ) );
		$this->assertNotNull( $this->check( 'http://169.254.169.254/', true ) );
		$this->assertNotNull( $this->check( 'http://hooks.zapier.com/x', true ), 'http to a public host stays refused' );
	}
}
