import 'paid-checkout';

const checkout = document.createElement('paid-checkout'); // PaidCheckoutElement
checkout.addEventListener('paid-checkout-complete', (e) => e.detail.orderId); // string
