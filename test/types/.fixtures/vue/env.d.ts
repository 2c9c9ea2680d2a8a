// Vue's GlobalComponents learn <paid-checkout> (once, for every component of the app).
import type {} from 'paid-checkout/vue';
