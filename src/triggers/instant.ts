// What every instant trigger does the same way: subscribe the Zap's hook URL through the companion
// plugin, refuse a delivery that its subscription did not sign (or signed long ago), fire each event
// once, and load the object itself, so that the output is the polling twin's to the field.
import type { Bundle, ZObject } from 'zapier-platform-core';
import {
  CompanionEvent,
  Delivery,
  HookFilters,
  firstDelivery,
  rememberDelivery,
  subscribe,
  subscriptionOf,
  unsubscribe,
  verifyDelivery,
} from '../connection/companion';
import { isWordPressCode } from '../connection/errors';

export interface InstantTrigger<T> {
  /** The trigger's label and its polling twin's, for the message when the plugin is missing. */
  names: { trigger: string; polling: string };
  events: readonly CompanionEvent[];
  /** What the plugin may leave out before delivering (the app checks the object again anyway). */
  filters: (z: ZObject, bundle: Bundle) => HookFilters | Promise<HookFilters>;
  /** The items to fire for one delivery: none when the object is gone or no longer matches. */
  load: (z: ZObject, bundle: Bundle, delivery: Delivery) => Promise<T[]>;
}

/** The `hook` operation's functions for one instant trigger. */
export function instantOperation<T>(spec: InstantTrigger<T>) {
  return {
    performSubscribe: async (z: ZObject, bundle: Bundle) =>
      subscribe(z, bundle, spec.events, await spec.filters(z, bundle), spec.names),
    performUnsubscribe: (z: ZObject, bundle: Bundle) => unsubscribe(z, bundle),
    perform: async (z: ZObject, bundle: Bundle): Promise<T[]> => {
      const hooks = subscriptionOf(bundle)?.hooks ?? [];
      const verdict = verifyDelivery(bundle.rawRequest, hooks);
      // Halted, not failed: a forged request must not count against the Zap (Zapier turns off Zaps that keep failing).
      if ('refusal' in verdict) throw new z.errors.HaltedError(verdict.refusal);
      const { delivery } = verdict;
      if (!(await firstDelivery(z, bundle, delivery))) return [];
      const items = await loadUnlessGone(z, bundle, delivery, spec);
      await rememberDelivery(z, bundle, delivery);
      return items;
    },
  };
}

/** An object deleted between the event and its delivery fires nothing: there is nothing to output. */
async function loadUnlessGone<T>(
  z: ZObject,
  bundle: Bundle,
  delivery: Delivery,
  spec: InstantTrigger<T>,
): Promise<T[]> {
  try {
    return await spec.load(z, bundle, delivery);
  } catch (err) {
    if (isWordPressCode(err, 'rest_post_invalid_id', 'rest_user_invalid_id', 'rest_comment_invalid_id')) return [];
    throw err;
  }
}

/** The bundle a polling twin reads for a sample: the same inputs, asked as "Load more" asks. */
export function sampleBundle(bundle: Bundle): Bundle {
  return { ...bundle, meta: { ...bundle.meta, isLoadingSample: true } } as Bundle;
}
