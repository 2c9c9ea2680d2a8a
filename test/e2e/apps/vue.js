// Test app: mounts the Vue snippet for the session and API named in the page's query.
import { createApp } from 'vue';
import Checkout from '../snippets/Checkout.vue';

const params = new URLSearchParams(location.search);
createApp(Checkout, { checkoutId: params.get('checkout'), apiBase: params.get('api') }).mount('#root');
