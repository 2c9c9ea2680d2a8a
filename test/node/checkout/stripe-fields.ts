// Stand-in Stripe fields (what payment-controller.ts mounts from Stripe.js), for the Node tests
// that drive a payment without a browser: the pay-attempt controller's and the coordinator harness's.
import type { ConfirmationToken, StripeError } from '@stripe/stripe-js';
import type { Fields } from '../../../src/checkout/payment-controller.ts';

/** What the stand-in Stripe fields answer next. */
export interface StripeAnswers {
  submit: { error?: StripeError };
  /** A token is made with a fresh id unless `tokenError` is set. */
  tokenError: StripeError | null;
  nextAction: { error?: StripeError };
}

/**
 * Fields that answer what `answers` holds at each call (at first: no error, a token `ctoken_1`,
 * `ctoken_2`…), logging submit, focus, createToken and handleNextAction to `log`; `tokens` counts
 * the tokens made.
 */
export function standInFields(log: string[] = []) {
  const answers: StripeAnswers = { submit: {}, tokenError: null, nextAction: {} };
  let tokens = 0;
  const fields: Fields = {
    setIntent: () => {},
    setAppearance: () => {},
    setLocale: () => {},
    setReadOnly: () => {},
    submit: () => {
      log.push('submit');
      return Promise.resolve(answers.submit);
    },
    focus: () => log.push('fields.focus'),
    createToken: async (returnUrl) => {
      log.push(`createToken ${returnUrl}`);
      tokens += 1;
      return answers.tokenError ? { error: answers.tokenError } : { token: { id: `ctoken_${tokens}` } as ConfirmationToken };
    },
    handleNextAction: async (clientSecret) => {
      log.push(`handleNextAction ${clientSecret}`);
      return answers.nextAction;
    },
    destroy: () => {},
  };
  return {
    fields,
    answers,
    get tokens() {
      return tokens;
    },
  };
}
