// The bare element in a Solid app, typed by paid-checkout/jsx/solid alone: attributes, `prop:` properties and `on:` events.
import type {} from 'paid-checkout/jsx/solid';
import { createSignal } from 'solid-js';
import 'paid-checkout';
import type { PaidCheckoutElement } from 'paid-checkout';

export function Checkout(props: { checkoutId: string }) {
  const [orderId, setOrderId] = createSignal<string | null>(null);
  let checkout: PaidCheckoutElement | undefined;
  return (
    <paid-checkout
      ref={checkout}
      class="checkout"
      attr:checkout-id={props.checkoutId}
      prop:theme="auto"
      on:paid-checkout-complete={(event) => {
        event.preventDefault();
        setOrderId(event.detail.orderId);
      }}
      on:paid-checkout-error={(event) => console.warn(event.detail.code)}
    >
      {orderId()}
    </paid-checkout>
  );
}
