<?php
/**
 * The delivery signature.
 *
 * @package wpjz-companion
 */

use PHPUnit\Framework\TestCase;

/**
 * Wpjz_Signature.
 */
class Signature_Test extends TestCase {

	/**
	 * The header is t=<ts>,v1=<HMAC-SHA256 of "<ts>.<body>">, as any receiver recomputes it.
	 */
	public function test_header_is_hmac_of_timestamp_dot_body() {
		$secret = str_repeat( 'ab', 32 );
		$body   = '{"id":"7-12","seq":12}';
		$this->assertSame(
			't=1700000000,v1=' . hash_hmac( 'sha256', '1700000000.' . $body, $secret ),
			Wpjz_Signature::header( $secret, $body, 1700000000 )
		);
	}

	/**
	 * A receiver accepts its own header within 5 minutes and refuses everything else.
	 */
	public function test_verify_refuses_forged_replayed_and_malformed() {
		$secret = Wpjz_Signature::new_secret();
		$body   = '{"id":"1-2"}';
		$header = Wpjz_Signature::header( $secret, $body, 1000 );
		$this->assertTrue( Wpjz_Signature::verify( $secret, $body, $header, 1000 ) );
		$this->assertTrue( Wpjz_Signature::verify( $secret, $body, $header, 1300 ) );
		$this->assertFalse( Wpjz_Signature::verify( $secret, $body, $header, 1301 ), 'replayed after 5 minutes' );
		$this->assertFalse( Wpjz_Signature::verify( $secret, $body, $header, 699 ), 'from the future' );
		$this->assertFalse( Wpjz_Signature::verify( $secret, $body . ' ', $header, 1000 ), 'body changed' );
		$this->assertFalse( Wpjz_Signature::verify( Wpjz_Signature::new_secret(), $body, $header, 1000 ), 'other secret' );
		$this->assertFalse( Wpjz_Signature::verify( $secret, $body, 't=1000', 1000 ) );
		$this->assertFalse( Wpjz_Signature::verify( $secret, $body, str_replace( 't=1000', 't=1001', $header ), 1000 ) );
	}

	/**
	 * Secrets are 64 hex characters and never repeat.
	 */
	public function test_secret_is_64_hex() {
		$a = Wpjz_Signature::new_secret();
		$this->assertMatchesRegularExpression( '/^[0-9a-f]{64}$/', $a );
		$this->assertNotSame( $a, Wpjz_Signature::new_secret() );
	}
}
