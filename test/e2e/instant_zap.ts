// A Zap's side of an instant trigger in the e2e tests: subscribe through the app's performSubscribe
// (as Zapier does when a Zap is turned on), and hand what the loopback receiver got to the trigger's
// perform as Zapier would (the raw body, headers named `Http-…`).
import type { Bundle } from 'zapier-platform-core';
import type { HookDelivery, HookReceiver } from './hook_receiver';
import { app, appTester } from './harness';

type Fn = (z: never, bundle: never) => unknown;
type Op = { performSubscribe: Fn; performUnsubscribe: Fn; perform: Fn; performList: Fn };
export const op = (key: string) => app.triggers![key].operation as unknown as Op;

/** What Zapier keeps for a Zap between turning it on and off. */
export interface Zap {
  key: string;
  authData: Record<string, string>;
  inputData: Record<string, unknown>;
  targetUrl: string;
  meta: Record<string, unknown>;
  subscribeData: { id: string; hooks: Array<{ id: number; secret: string; event: string }> };
}

/** What Zapier hands a hook's perform: the raw body, and the headers named `Http-…`. */
export function received(d: HookDelivery): NonNullable<Bundle['rawRequest']> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(d.headers)) {
    headers[`Http-${name.replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase())}`] =
      String(value);
  }
  return { method: 'POST', headers, content: d.body };
}

/** Turns a Zap on: the trigger subscribes the receiver's URL (path `path`, default `/<key>`). */
export async function subscribeTo(
  receiver: HookReceiver,
  key: string,
  auth: Record<string, string>,
  inputData: Record<string, unknown> = {},
  path = `/${key}`,
): Promise<Zap> {
  const base = { key, authData: auth, inputData, targetUrl: receiver.url(path), meta: {} };
  const subscribeData = (await appTester(op(key).performSubscribe as never, base as never)) as Zap['subscribeData'];
  return { ...base, subscribeData };
}

export async function unsubscribe(zap: Zap): Promise<void> {
  await appTester(op(zap.key).performUnsubscribe as never, zap as never);
}

/** The trigger's perform for one request the receiver got (Zapier's cache kept between calls). */
export async function fire<T = Record<string, unknown>>(zap: Zap, delivery: HookDelivery): Promise<T[]> {
  return (await appTester(
    op(zap.key).perform as never,
    { ...zap, rawRequest: received(delivery) } as never,
    false,
  )) as T[];
}

/** What the receiver got for one Zap's hooks (about one object, when given). */
export function deliveriesFor(receiver: HookReceiver, zap: Zap, type?: string, id?: number): HookDelivery[] {
  const hooks = new Set(zap.subscribeData.hooks.map((hook) => hook.id));
  return receiver.deliveries.filter(
    (d) =>
      hooks.has(d.json.hook_id) && (type === undefined || (d.json.object_type === type && d.json.object_id === id)),
  );
}

/** The secret of the Zap's hook that signed a delivery. */
export function secretOf(zap: Zap, d: HookDelivery): string {
  return zap.subscribeData.hooks.find((hook) => hook.id === d.json.hook_id)?.secret ?? '';
}
