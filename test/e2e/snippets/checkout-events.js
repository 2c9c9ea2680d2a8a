// checkout-events.js — plain DOM: the events bubble out of <paid-checkout>, data in `event.detail`.
const checkout = document.querySelector('paid-checkout');
const status = document.querySelector('#checkout-status');

checkout.addEventListener('paid-checkout-ready', (event) => {
  status.textContent = `Checkout ${event.detail.checkout.id} is ready.`;
});

checkout.addEventListener('paid-checkout-change', (event) => {
  const { selections, amountDue, currency } = event.detail; // amountDue in minor units: 4900 = $49.00
  console.log(`due today: ${amountDue} ${currency} for ${selections.length} product(s)`);
});

checkout.addEventListener('paid-checkout-complete', (event) => {
  event.preventDefault(); // stay on this page; without this line the element follows your success URL
  status.textContent = `Paid: order ${event.detail.orderId}.`;
});

checkout.addEventListener('paid-checkout-error', (event) => {
  const { code, message, recoverable } = event.detail; // the element already shows `message`
  console.warn(code, message, recoverable);
});
