// Test app: the wrapper given `apiBase={undefined}`, as when a production build's config leaves
// it unset: the element should use its default API, as it does when the attribute is absent.
import { createRoot } from 'react-dom/client';
import { PaidCheckout } from 'paid-checkout/react';

const params = new URLSearchParams(location.search);
const config = { apiBase: undefined };
createRoot(document.getElementById('root')).render(<PaidCheckout checkoutId={params.get('checkout')} apiBase={config.apiBase} />);
