// <recording-checkout>: the element, recording the navigations it would make instead of leaving the
// test page. Apart from the helpers (which hold Mocha hooks) so that a page in a frame can load it.
import '../../../src/index.ts';
import { PaidCheckoutElement } from '../../../src/paid-checkout.ts';

/** A <paid-checkout> that records navigations instead of leaving the test page. */
export class RecordingCheckout extends PaidCheckoutElement {
  navigations: string[] = [];
  protected override navigate(url: string): void {
    this.navigations.push(url);
  }
}
if (!customElements.get('recording-checkout')) customElements.define('recording-checkout', RecordingCheckout);
