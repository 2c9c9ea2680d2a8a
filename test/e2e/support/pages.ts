// HTML for the merchant pages the tests serve. The Stripe stand-in (from the sandbox) always
// loads first, as a classic script, so that the element adopts it instead of fetching Stripe.js.
export function merchantPage(options: { title: string; sandboxUrl: string; head?: string; body: string }): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${options.title}</title>
<script src="${options.sandboxUrl}/sandbox/stripe-standin.js"></script>
${options.head ?? ''}
</head>
<body>
${options.body}
</body>
</html>
`;
}
