// Test app: mounts the React wrapper snippet for the session and API named in the page's query;
// with `hooks` in the query, a component that uses the wrapper's onStateChange and onBeforeConfirm
// (`hooks=refuse`: the app's step before paying refuses, with its own words).
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { PaidCheckout } from 'paid-checkout/react';
import { Checkout } from '../snippets/react-wrapper.jsx';

const params = new URLSearchParams(location.search);

function CheckoutWithHooks({ checkoutId, apiBase, refuse }) {
  const [states, setStates] = useState([]);
  const [orderId, setOrderId] = useState(null);
  return (
    <>
      <PaidCheckout
        checkoutId={checkoutId}
        apiBase={apiBase}
        onStateChange={(event) => setStates((seen) => [...seen, event.detail.state.status])}
        onBeforeConfirm={(event) => {
          // The app's own step (terms, a captcha…) before anything is charged.
          event.detail.waitUntil(refuse ? Promise.reject(new Error('Please accept the terms first.')) : Promise.resolve());
        }}
        onComplete={(event) => {
          event.preventDefault();
          setOrderId(event.detail.orderId);
        }}
      />
      <p id="states">{states.join(' ')}</p>
      {orderId && <p role="status">Thank you! Your order is {orderId}.</p>}
    </>
  );
}

const props = { checkoutId: params.get('checkout'), apiBase: params.get('api') };
createRoot(document.getElementById('root')).render(
  params.has('hooks') ? <CheckoutWithHooks {...props} refuse={params.get('hooks') === 'refuse'} /> : <Checkout {...props} />,
);
