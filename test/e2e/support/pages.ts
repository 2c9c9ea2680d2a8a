// HTML for the merchant pages the tests serve. The Stripe stand-in (from the sandbox) loads first,
// as a classic script, so that the element adopts it instead of fetching Stripe.js; with
// `standIn: false` it does not, and the element adds Stripe.js's tag itself (a test then serves
// the stand-in at Stripe.js's URL).
export function merchantPage(options: { title: string; sandboxUrl: string; head?: string; body: string; standIn?: boolean }): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${options.title}</title>
${options.standIn === false ? '' : `<script src="${options.sandboxUrl}/sandbox/stripe-standin.js"></script>\n`}${options.head ?? ''}
</head>
<body>
${options.body}
</body>
</html>
`;
}
