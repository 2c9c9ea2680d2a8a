// Test app: mounts the Svelte 5 snippet (svelte-checkout.svelte) for the session and API named in the page's query.
import { mount } from 'svelte';
import Checkout from './svelte-checkout.svelte';

const params = new URLSearchParams(location.search);
mount(Checkout, { target: document.getElementById('root'), props: { checkoutId: params.get('checkout'), apiBase: params.get('api') } });
