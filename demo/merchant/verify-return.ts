// "Verify on return": before provisioning, the merchant's server reads the checkout named in the
// success URL and checks that it is completed, and for the user who is signed in.
import { Paid, type PaidClient } from '@paid-ai/paid-node';

export type ReturnCheck =
  | { verified: true; orderId: string | null; externalCustomerId: string }
  | { verified: false; code: 'not_completed'; status: Paid.CheckoutStatus }
  | { verified: false; code: 'not_found' | 'other_user' };

export async function verifyReturn(paid: PaidClient, checkoutId: string, signedInUserId: string): Promise<ReturnCheck> {
  let checkout: Paid.CheckoutDetails;
  try {
    checkout = await paid.checkouts.getCheckout({ id: checkoutId });
  } catch (error) {
    if (error instanceof Paid.NotFoundError) return { verified: false, code: 'not_found' };
    throw error;
  }
  // The success URL is only a hint: anyone can type it. Paid's answer is what counts.
  if (checkout.status !== 'completed') return { verified: false, code: 'not_completed', status: checkout.status };
  if (checkout.externalCustomerId !== signedInUserId) return { verified: false, code: 'other_user' };
  return { verified: true, orderId: checkout.orderId, externalCustomerId: signedInUserId };
}
