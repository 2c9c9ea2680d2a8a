// Test app: Paid's own React hook for checkouts (paid-blocks' usePayCheckout, from the installed
// package) on the Stripe stand-in, as paid-blocks' CheckoutPaymentForm uses it: Elements in
// payment mode for the amount due, Pay runs payCheckout(stripe, elements), state.error shown
// under the card. The page's query names the API, the session token, the key and the amount (and
// any headers the app passes paid-blocks); `address=billing` adds an Address Element in billing
// mode to the same Elements (the buyer's name and address, which Stripe.js puts in the confirmation
// token's billing details: how an app collects a new buyer for paid-blocks' hook, which sends none).
import { useEffect, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
// Aliased by the build to dist/payments/hooks/usePayCheckout.js in the installed package.
import { usePayCheckout } from 'paid-blocks/usePayCheckout';

const params = new URLSearchParams(location.search);
const amount = Number(params.get('amount'));
const currency = params.get('currency');

function PaidBlocksCheckout() {
  const [stripe] = useState(() => window.Stripe(params.get('pk')));
  // CheckoutPaymentForm's Elements options, word for word.
  const [elements] = useState(() =>
    stripe.elements({ mode: 'payment', amount, currency: currency.toLowerCase(), setup_future_usage: 'off_session', payment_method_types: ['card'] }),
  );
  // `headers` (a JSON object in the query): the merchant's own headers, which paid-blocks sends
  // on each request (without cookies then), as an app that authorizes its calls passes them.
  const [options] = useState(() => ({ baseUrl: params.get('api'), ...(params.get('headers') ? { headers: JSON.parse(params.get('headers')) } : {}) }));
  const [result, setResult] = useState(null);
  const [reported, setReported] = useState([]);
  const container = useRef(null);
  const addressContainer = useRef(null);
  useEffect(() => {
    const address = params.get('address') === 'billing' ? elements.create('address', { mode: 'billing' }) : null;
    address?.mount(addressContainer.current);
    const payment = elements.create('payment');
    payment.mount(container.current);
    return () => {
      payment.destroy();
      address?.destroy();
    };
  }, [elements]);
  const { state, payCheckout } = usePayCheckout({
    sessionToken: params.get('token'),
    options,
    onSuccess: setResult,
    onError: (message) => setReported((messages) => [...messages, message]),
  });
  const onSubmit = (event) => {
    event.preventDefault();
    void payCheckout(stripe, elements);
  };
  return (
    <form onSubmit={onSubmit}>
      <div ref={addressContainer} />
      <div ref={container} />
      {state.error && <div role="alert">{state.error}</div>}
      <button type="submit" disabled={state.isProcessing}>
        {state.isProcessing ? 'Processing...' : 'Pay'}
      </button>
      <output id="state" data-processing={String(state.isProcessing)} data-complete={String(state.isComplete)} data-error={state.error ?? ''} />
      <output id="on-error">{JSON.stringify(reported)}</output>
      {result && <pre id="on-success">{JSON.stringify(result)}</pre>}
    </form>
  );
}

createRoot(document.getElementById('root')).render(<PaidBlocksCheckout />);
