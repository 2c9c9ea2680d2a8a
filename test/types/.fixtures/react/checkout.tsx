// The bare element in a React 19 app, typed by paid-checkout/jsx alone: its attributes, properties
// and event props; no JSX.IntrinsicElements of the app's own.
import type {} from 'paid-checkout/jsx';
import { useRef, useState } from 'react';
import 'paid-checkout';
import type { PaidCheckoutElement } from 'paid-checkout';

export function Checkout({ checkoutId, apiBase }: { checkoutId: string; apiBase?: string }) {
  const ref = useRef<PaidCheckoutElement>(null);
  const [orderId, setOrderId] = useState<string | null>(null);
  return (
    <paid-checkout
      ref={ref}
      checkout-id={checkoutId}
      api-base={apiBase}
      locale="fr"
      theme="auto"
      className="checkout"
      style={{ '--paid-color-accent': '#0a7' }}
      onpaid-checkout-ready={(event) => console.log(event.detail.checkout.id)}
      onpaid-checkout-change={(event) => console.log(event.detail.amountDue.toFixed(0), event.detail.currency)}
      onpaid-checkout-complete={(event) => {
        event.preventDefault();
        const checkout: PaidCheckoutElement = event.target;
        setOrderId(`${checkout.checkoutId}: ${event.detail.orderId}`);
      }}
      onpaid-checkout-error={(event) => console.warn(event.detail.code, event.detail.recoverable)}
      onpaid-checkout-before-confirm={(event) => event.detail.waitUntil(Promise.resolve(event.detail.amountDue))}
      onpaid-checkout-statechange={(event) => console.log(event.detail.state.status, event.detail.webhook)}
      debug
    >
      {orderId}
    </paid-checkout>
  );
}

export function WithProperties({ checkoutId }: { checkoutId: string }) {
  return <paid-checkout checkoutId={checkoutId} apiBase="http://127.0.0.1:4040" theme="dark" />;
}
