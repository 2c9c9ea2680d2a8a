// The bare element in TSX with the declaration the docs show (`paid-checkout/jsx`, generated from
// the manifest): its attributes and event props are typed, and a wrong one fails to compile.
import type {} from 'paid-checkout/jsx';
import { useRef } from 'react';
import 'paid-checkout';
import type { PaidCheckoutElement } from 'paid-checkout';

export function Checkout({ checkoutId }: { checkoutId: string }) {
  const ref = useRef<PaidCheckoutElement>(null);
  return (
    <>
      <paid-checkout
        ref={ref}
        checkout-id={checkoutId}
        api-base="http://127.0.0.1:4040"
        theme="auto"
        onpaid-checkout-change={(event) => console.log(event.detail.amountDue.toFixed(0), event.detail.currency)}
        onpaid-checkout-complete={(event) => {
          event.preventDefault();
          const orderId: string = event.detail.orderId;
          return orderId;
        }}
        onpaid-checkout-error={(event) => console.warn(event.detail.code, event.detail.recoverable)}
      />
      {/* @ts-expect-error 'purple' is not a theme */}
      <paid-checkout checkout-id={checkoutId} theme="purple" />
      {/* @ts-expect-error the detail has orderId, not orderID */}
      <paid-checkout checkout-id={checkoutId} onpaid-checkout-complete={(event) => event.detail.orderID} />
      {/* @ts-expect-error checkout-id is a string */}
      <paid-checkout checkout-id={42} />
    </>
  );
}
