// The tag of the element's style sheets (views/*.styles.ts, paid-checkout.styles.ts): css`…` is
// the text as written (String.raw), which the build minifies as it does every css`` literal
// (scripts/minify-lit-templates.ts goes by the tag's name). The element makes one sheet of them
// all (paid-checkout.ts, through Lit's unsafeCSS: text we wrote, never the page's), so Lit's own
// css tag, which checks every interpolated value, and a CSSResult per file stay out of the first
// download (124 B gzip).
export const css = String.raw;
