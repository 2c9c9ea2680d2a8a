// Test app: mounts the bare-element React snippet for the session and API named in the page's query.
import { createRoot } from 'react-dom/client';
import { Checkout } from '../snippets/react-element.jsx';

const params = new URLSearchParams(location.search);
createRoot(document.getElementById('root')).render(<Checkout checkoutId={params.get('checkout')} apiBase={params.get('api')} />);
