// A failed assertion whose values are nodes is reported in every engine: its actual and expected
// values leave the page as words (support/failure-values.ts; without it Firefox never reports the
// failure, and the file waits for the run's timeout).
import { expect, fixture, html } from '@open-wc/testing';

/** The failure `assertion` throws. */
function failureOf(assertion: () => void): { actual?: unknown; expected?: unknown; message?: string } {
  try {
    assertion();
  } catch (error) {
    return error as { actual?: unknown; expected?: unknown };
  }
  throw new Error('the assertion did not fail');
}

describe('a failed assertion on nodes', () => {
  it('carries each node as a selector would name it', () => {
    const button = Object.assign(document.createElement('button'), { id: 'pay', className: 'pay busy' });
    const failure = failureOf(() => expect(button).to.equal(document.body));
    expect(failure.actual).to.equal('<button#pay.pay.busy>');
    expect(failure.expected).to.equal('<body>');
  });

  it('carries the nodes an array or object holds, and leaves other values as they are', () => {
    const text = document.createTextNode('Pay $49.00');
    const failure = failureOf(() => expect([text, 'ready', { at: document.body }]).to.deep.equal([text, 'paying', { at: document.body }]));
    expect(failure.actual).to.deep.equal(['#text "Pay $49.00"', 'ready', { at: '<body>' }]);
    expect(failureOf(() => expect({ status: 'ready' }).to.deep.equal({ status: 'paying' })).actual).to.deep.equal({ status: 'ready' });
  });
});

// Loaded before the framework, the plugin must not load '@open-wc/testing' first: that registers its
// fixtures' cleanup only where Mocha's hooks already exist, and every fixture would stay mounted.
describe('the plugin loaded before the test framework', () => {
  it('mounts a fixture', async () => {
    await fixture(html`<p id="left-behind">one test's own</p>`);
    expect(document.getElementById('left-behind')).to.not.equal(null);
  });

  it('leaves no fixture of an earlier test in the page', () => {
    expect(document.getElementById('left-behind'), 'the earlier test’s fixture').to.equal(null);
  });
});
