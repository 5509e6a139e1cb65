<?php
/**
 * The delivery body.
 *
 * @package wpjz-companion
 */

use PHPUnit\Framework\TestCase;

/**
 * Wpjz_Queue::payload().
 */
class Queue_Test extends TestCase {

	/**
	 * Thin: what happened and to which object, with an ID the receiver can dedupe on.
	 */
	public function test_payload_is_thin_and_typed() {
		$row = (object) array(
			'hook_id'     => '7',
			'seq'         => '12',
			'event'       => 'post.published',
			'object_type' => 'post',
			'object_id'   => '45',
			'subtype'     => 'post',
			'time_gmt'    => '2026-12-06 20:01:02',
			'secret'      => 'never sent',
			'target_url'  => 'https://hooks.zapier.com/x',
		);
		$this->assertSame(
			array(
				'id'          => '7-12',
				'hook_id'     => 7,
				'seq'         => 12,
				'event'       => 'post.published',
				'object_type' => 'post',
				'object_id'   => 45,
				'subtype'     => 'post',
				'time_gmt'    => '2026-12-06T20:01:02',
			),
			Wpjz_Queue::payload( $row )
		);
	}
}
