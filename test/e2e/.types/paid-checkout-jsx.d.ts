// paid-checkout-jsx.d.ts — lets TSX (React 19's JSX types) use the bare <paid-checkout>, typed.
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type {
  PaidCheckoutChangeEvent,
  PaidCheckoutCompleteEvent,
  PaidCheckoutElement,
  PaidCheckoutErrorEvent,
  PaidCheckoutReadyEvent,
  PaidCheckoutTheme,
} from 'paid-checkout';

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'paid-checkout': DetailedHTMLProps<HTMLAttributes<PaidCheckoutElement>, PaidCheckoutElement> & {
        'checkout-id'?: string;
        'api-base'?: string;
        locale?: string;
        theme?: PaidCheckoutTheme;
        'onpaid-checkout-ready'?: (event: PaidCheckoutReadyEvent) => void;
        'onpaid-checkout-change'?: (event: PaidCheckoutChangeEvent) => void;
        'onpaid-checkout-complete'?: (event: PaidCheckoutCompleteEvent) => void;
        'onpaid-checkout-error'?: (event: PaidCheckoutErrorEvent) => void;
      };
    }
  }
}
