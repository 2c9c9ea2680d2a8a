// CheckoutWithTerms.jsx — a step of the app's own before anything is charged, with the wrapper's hooks.
import { useState } from 'react';
import { PaidCheckout } from 'paid-checkout/react';

export function CheckoutWithTerms({ checkoutId, apiBase = 'https://api.agentpaid.io' }) {
  const [accepted, setAccepted] = useState(false);
  const [payable, setPayable] = useState(false);
  const [orderId, setOrderId] = useState(null);
  return (
    <>
      <PaidCheckout
        checkoutId={checkoutId}
        apiBase={apiBase}
        // loading → ready → paying (→ requires_action) → succeeded, or back to ready after a decline.
        // The terms may change only while the form can be paid: not while a payment is under way, nor
        // after its answer was lost (failed, paymentPending), whose Try again resends the approved payment.
        onStateChange={(event) => setPayable(event.detail.state.status === 'ready')}
        // In the pay click, after the card is checked: nothing is charged until the promise settles;
        // a rejection stops the payment and the customer reads its message.
        onBeforeConfirm={(event) => {
          if (!accepted) event.detail.waitUntil(Promise.reject(new Error('Please accept the terms first.')));
        }}
        onComplete={(event) => {
          event.preventDefault(); // stay in the app instead of following the success URL
          setOrderId(event.detail.orderId);
        }}
      />
      <label>
        <input type="checkbox" checked={accepted} disabled={!payable} onChange={(event) => setAccepted(event.target.checked)} />
        I accept the terms of service
      </label>
      {orderId && <p role="status">Thank you! Your order is {orderId}.</p>}
    </>
  );
}
