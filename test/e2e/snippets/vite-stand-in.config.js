// vite.config.js — the sandbox's Stripe stand-in on the dev server only; `vite build` leaves it out.
import { defineConfig } from 'vite';

const standIn = 'http://127.0.0.1:4040/sandbox/stripe-standin.js';

export default defineConfig(({ command }) => ({
  plugins: [
    {
      name: 'paid-checkout-stand-in-while-developing',
      transformIndexHtml: () => (command === 'serve' ? [{ tag: 'script', attrs: { src: standIn }, injectTo: 'head-prepend' }] : []),
    },
  ],
}));
