// The bare element in a Preact app, typed by paid-checkout/jsx/preact alone: its attributes, properties and event props.
import type {} from 'paid-checkout/jsx/preact';
import { useRef, useState } from 'preact/hooks';
import 'paid-checkout';
import type { PaidCheckoutElement } from 'paid-checkout';

export function Checkout({ checkoutId }: { checkoutId: string }) {
  const ref = useRef<PaidCheckoutElement>(null);
  const [orderId, setOrderId] = useState<string | null>(null);
  return (
    <paid-checkout
      ref={ref}
      class="checkout"
      style={{ '--paid-color-accent': '#0a7' }}
      checkout-id={checkoutId}
      checkoutId={checkoutId}
      theme="auto"
      onpaid-checkout-complete={(event) => {
        event.preventDefault();
        const checkout: PaidCheckoutElement = event.target;
        setOrderId(`${checkout.checkoutId}: ${event.detail.orderId}`);
      }}
      onpaid-checkout-error={(event) => console.warn(event.detail.code)}
    >
      {orderId}
    </paid-checkout>
  );
}
