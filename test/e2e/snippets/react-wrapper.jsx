// Checkout.jsx — React 19 with the typed wrapper from `paid-checkout/react`.
import { useState } from 'react';
import { PaidCheckout } from 'paid-checkout/react';

// checkoutId: the session your server created (POST /api/v2/checkouts).
// apiBase: keep the default in production; the sandbox's URL while developing.
export function Checkout({ checkoutId, apiBase = 'https://api.agentpaid.io' }) {
  const [orderId, setOrderId] = useState(null);
  return (
    <>
      <PaidCheckout
        checkoutId={checkoutId}
        apiBase={apiBase}
        onChange={(event) => console.log('due today', event.detail.amountDue, event.detail.currency)}
        onComplete={(event) => {
          event.preventDefault(); // stay in the app instead of following the success URL
          setOrderId(event.detail.orderId);
        }}
        onError={(event) => console.warn(event.detail.code, event.detail.message)}
      />
      {orderId && <p role="status">Thank you! Your order is {orderId}.</p>}
    </>
  );
}
