// Checkout.jsx — React 19 with the bare element: attributes as props, events as `on<event-name>`.
import { useState } from 'react';
import 'paid-checkout'; // defines <paid-checkout> once

export function Checkout({ checkoutId, apiBase = 'https://api.agentpaid.io' }) {
  const [orderId, setOrderId] = useState(null);
  return (
    <>
      <paid-checkout
        checkout-id={checkoutId}
        api-base={apiBase}
        onpaid-checkout-complete={(event) => {
          event.preventDefault(); // stay in the app instead of following the success URL
          setOrderId(event.detail.orderId);
        }}
      />
      {orderId && <p role="status">Thank you! Your order is {orderId}.</p>}
    </>
  );
}
