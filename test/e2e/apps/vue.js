// Test app: mounts the Vue snippet for the session and API named in the page's query; with `hooks`
// in the query, the snippet whose step before paying is the terms box, and a list of the states the
// page heard (a listener on the document: events cross the shadow root).
import { createApp } from 'vue';
import Checkout from '../snippets/Checkout.vue';
import CheckoutWithTerms from '../snippets/CheckoutWithTerms.vue';
import { listStates } from './states.js';

const params = new URLSearchParams(location.search);
if (params.has('hooks')) listStates();
createApp(params.has('hooks') ? CheckoutWithTerms : Checkout, { checkoutId: params.get('checkout'), apiBase: params.get('api') }).mount('#root');
