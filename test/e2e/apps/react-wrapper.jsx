// Test app: mounts the React wrapper snippet for the session and API named in the page's query;
// with `hooks` in the query, the snippet whose step before paying is the terms box, and a list of
// the states the page heard (a listener on the document: events cross the shadow root).
import { createRoot } from 'react-dom/client';
import { Checkout } from '../snippets/react-wrapper.jsx';
import { CheckoutWithTerms } from '../snippets/react-terms.jsx';
import { listStates } from './states.js';

const params = new URLSearchParams(location.search);
const props = { checkoutId: params.get('checkout'), apiBase: params.get('api') };
if (params.has('hooks')) listStates();
createRoot(document.getElementById('root')).render(params.has('hooks') ? <CheckoutWithTerms {...props} /> : <Checkout {...props} />);
