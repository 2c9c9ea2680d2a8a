// The tier picker under a pointer: the radio is what lies at its own centre (so role-based tools,
// which click a radio there and check that nothing covers it, can pick a plan), and a click
// anywhere else on the card still picks that tier, with the card's pointer cursor throughout.
import { expect } from '@open-wc/testing';
import { waitUntil } from './support/wait.ts';
import { resetMouse, sendMouse } from '@web/test-runner-commands';
import { STUB_API, json, mountCheckout, record, sessionJson, shadow, stubFetch, waitForText, type StubbedFetch } from './helpers.ts';
import type { PaidCheckoutElement } from '../../src/paid-checkout.ts';

/** The centre of `node`'s box, in viewport pixels, once it is scrolled into view. */
function centreOf(node: Element): [number, number] {
  node.scrollIntoView({ block: 'center' });
  const box = node.getBoundingClientRect();
  return [Math.round(box.left + box.width / 2), Math.round(box.top + box.height / 2)];
}

function radiosOf(element: PaidCheckoutElement): HTMLInputElement[] {
  return [...shadow(element).querySelectorAll<HTMLInputElement>('input[name="plan-p0"]')];
}

/** What a pointer at the centre of `node` would hit, inside the element. */
function hitAtCentreOf(element: PaidCheckoutElement, node: Element): Element | null {
  const [x, y] = centreOf(node);
  return shadow(element).elementFromPoint(x, y);
}

/** A node as a failure message shows it (the runner cannot report DOM nodes themselves). */
function described(node: Element | null): string {
  if (!node) return 'nothing';
  const attributes = ['id', 'for', 'type', 'class'].map((name) => (node.hasAttribute(name) ? ` ${name}="${node.getAttribute(name)}"` : '')).join('');
  return `<${node.localName}${attributes}>`;
}

/** A real click (the engine's own pointer events, not `element.click()`) at the centre of `node`. */
async function clickCentreOf(node: Element): Promise<void> {
  const [x, y] = centreOf(node);
  await sendMouse({ type: 'click', position: [x, y] });
}

describe('paid-checkout tier picker under a pointer', () => {
  let api: StubbedFetch | null = null;
  let element: PaidCheckoutElement;

  beforeEach(async () => {
    api = stubFetch(STUB_API, json(200, sessionJson()));
    element = await mountCheckout('chk_fixture');
    await waitForText(element, 'Analytics');
  });

  afterEach(async () => {
    await resetMouse();
    api?.restore();
    api = null;
  });

  it('has each radio itself at its centre, where a role-based click lands, not the label over the card', () => {
    for (const radio of radiosOf(element)) {
      expect(described(hitAtCentreOf(element, radio)), `the hit at ${radio.value}'s centre`).to.equal(described(radio));
    }
  });

  it('picks a tier clicked on its radio', async () => {
    const changes = record(element, 'paid-checkout-change');
    const [starter] = radiosOf(element);
    await clickCentreOf(starter!);
    await waitUntil(() => starter!.checked, 'the clicked radio is checked');
    await element.updateComplete;
    expect(changes.at(-1)!.detail.selections[0]!.planId).to.equal('plan_starter');
    expect(starter!.closest('.tier')!.classList.contains('selected')).to.equal(true);
  });

  it("picks a tier clicked anywhere else on its card: its name, its price, its features", async () => {
    const changes = record(element, 'paid-checkout-change');
    const [starter, pro] = radiosOf(element);
    const cardOf = (radio: HTMLInputElement) => radio.closest('.tier')!;
    const targets = [
      [starter!, cardOf(starter!).querySelector('.tier-name')!],
      [pro!, cardOf(pro!).querySelector('.tier-price')!],
      [starter!, cardOf(starter!).querySelector('.features li')!],
    ] as const;
    for (const [radio, target] of targets) {
      expect(radio.checked, `${radio.value} is not yet picked`).to.equal(false);
      await clickCentreOf(target);
      await waitUntil(() => radio.checked, `a click on ${target.className || target.localName} picks ${radio.value}`);
      await element.updateComplete;
      expect(changes.at(-1)!.detail.selections[0]!.planId).to.equal(radio.value);
    }
  });

  it('shows the same cursor over the radio as over the rest of its card, enabled and disabled', () => {
    const [starter] = radiosOf(element);
    const name = starter!.closest('.tier')!.querySelector('.tier-name')!;
    const cursorAt = (node: Element) => getComputedStyle(hitAtCentreOf(element, node)!).cursor;
    expect([cursorAt(starter!), cursorAt(name)]).to.deep.equal(['pointer', 'pointer']);
    // While a payment runs the element disables the fieldset: no pointer anywhere on the card.
    starter!.closest('fieldset')!.disabled = true;
    expect([cursorAt(starter!), cursorAt(name)]).to.deep.equal(['default', 'default']);
  });
});
