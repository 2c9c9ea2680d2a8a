// Test app: mounts the Vue snippet for the session and API named in the page's query; with `hooks`
// in the query, a component that listens to paid-checkout-statechange and
// paid-checkout-before-confirm (`hooks=refuse`: the app's step before paying refuses).
import { createApp, h, ref } from 'vue';
import 'paid-checkout';
import Checkout from '../snippets/Checkout.vue';

const params = new URLSearchParams(location.search);
const checkoutId = params.get('checkout');
const apiBase = params.get('api');

const CheckoutWithHooks = {
  setup() {
    const states = ref([]);
    const orderId = ref(null);
    const refuse = params.get('hooks') === 'refuse';
    // Vue's `onPaidCheckoutStatechange` listens to `paid-checkout-statechange` (as @paid-checkout-statechange in a template).
    return () => [
      h('paid-checkout', {
        'checkout-id': checkoutId,
        'api-base': apiBase,
        onPaidCheckoutStatechange: (event) => states.value.push(event.detail.state.status),
        onPaidCheckoutBeforeConfirm: (event) =>
          event.detail.waitUntil(refuse ? Promise.reject(new Error('Please accept the terms first.')) : Promise.resolve()),
        onPaidCheckoutComplete: (event) => {
          event.preventDefault();
          orderId.value = event.detail.orderId;
        },
      }),
      h('p', { id: 'states' }, states.value.join(' ')),
      orderId.value ? h('p', { role: 'status' }, `Thank you! Your order is ${orderId.value}.`) : null,
    ];
  },
};

createApp(params.has('hooks') ? CheckoutWithHooks : Checkout, params.has('hooks') ? {} : { checkoutId, apiBase }).mount('#root');
