// Shows every event the element emits, as a page listening with plain DOM listeners would.
const log = document.getElementById('event-log');
for (const type of ['paid-checkout-ready', 'paid-checkout-change', 'paid-checkout-complete', 'paid-checkout-error']) {
  document.addEventListener(type, (event) => {
    const item = document.createElement('li');
    item.textContent = `${type} ${JSON.stringify(event.detail, (key, value) => (key === 'checkout' ? '[checkout]' : value))}`;
    log?.append(item);
  });
}
