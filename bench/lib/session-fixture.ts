// A public session with many products of four tiers each, for the render rows. The sandbox caps
// a checkout at 20 products while the element accepts 50, so the bench reads a real session
// from the sandbox and grows it, then checks the result against the element's own schema.
import { publicCheckout, type Plan, type Product, type PublicCheckout } from '../../src/api/schemas.ts';
import { createCheckout, type BenchServer } from './server.ts';

function tierPlans(template: Plan, productIndex: number, amounts: readonly number[]): Plan[] {
  return amounts.map((amount, tier) => ({
    ...template,
    id: `plan_bench_${productIndex}_${tier}`,
    name: `${template.name} ${tier + 1}`,
    recommended: tier === 1,
    prices: template.prices.map((price) => ({ ...price, amount: amount + (price.currency === 'eur' ? -100 : 0) })),
  }));
}

/** `count` products alternating flat plans and per-seat plans (with a quantity stepper), four tiers each. */
export async function largeSession(server: BenchServer, count: number): Promise<PublicCheckout> {
  const id = await createCheckout(server, ['prod_analytics', 'prod_seats']);
  const base = publicCheckout.parse(await (await fetch(`${server.url}/api/public/checkout/${id}`)).json());
  const [analytics, seats] = base.products as [Product, Product];
  const flatTemplate = analytics.plans[1]!;
  const seatTemplate = seats.plans[0]!;
  const products: Product[] = Array.from({ length: count }, (_, index) => {
    const seated = index % 2 === 1;
    return {
      ...(seated ? seats : analytics),
      id: `prod_bench_${index}`,
      name: `${seated ? seats.name : analytics.name} ${index + 1}`,
      plans: seated
        ? tierPlans(seatTemplate, index, [1200, 1800, 2400, 3600])
        : tierPlans(flatTemplate, index, [1900, 4900, 9900, 19900]),
    };
  });
  return publicCheckout.parse({ ...base, products });
}
