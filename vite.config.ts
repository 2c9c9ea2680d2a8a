// The script-tag files: `dist/paid-checkout.js` (ES module) and `dist/paid-checkout.iife.js`
// (classic script), each self-contained: lit, zod/mini, the Stripe loader and the element.
// Stripe.js itself loads from Stripe at run time. scripts/build.mjs runs the other builds.
import { defineConfig, parseAst, type Plugin } from 'vite';

type Node = { type: string; start: number; end: number; [key: string]: unknown };
type Quasi = Node & { value: { raw: string } };

/** Every node of an ESTree AST, depth first. */
function* nodes(value: unknown): Generator<Node> {
  if (Array.isArray(value)) {
    for (const item of value) yield* nodes(item);
  } else if (value && typeof value === 'object') {
    if (typeof (value as Node).type === 'string') yield value as Node;
    for (const child of Object.values(value)) if (child && typeof child === 'object') yield* nodes(child);
  }
}

/**
 * The static text of a css`` literal, smaller: comments and indentation go, and the spaces
 * around `{ } ; , >` and after `:`. Quoted strings are left as written. Each piece between two
 * `${…}` is minified on its own, so a space next to an interpolation is kept unless it touches
 * one of those characters.
 */
export function minifyCss(text: string): string {
  return text
    .split(/('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")/)
    .map((part, index) =>
      index % 2 === 1
        ? part
        : part
            .replace(/\/\*[\s\S]*?\*\//g, '')
            .replace(/\s+/g, ' ')
            .replace(/\s*([{};,>])\s*/g, '$1')
            .replace(/:\s+/g, ':')
            .replace(/;}/g, '}'),
    )
    .join('');
}

/**
 * The static text of an html`` literal, smaller: a run of whitespace that holds a line break is
 * one space. HTML renders any such run as one space (the element has no <pre> or <textarea>),
 * so what the customer sees and the DOM's structure are unchanged.
 */
export function minifyHtml(text: string): string {
  return text.replace(/[ \t]*\n\s*/g, ' ');
}

const base64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function vlq(value: number): string {
  let rest = value < 0 ? (-value << 1) | 1 : value << 1;
  let encoded = '';
  do {
    const digit = rest & 31;
    rest >>>= 5;
    encoded += base64[rest > 0 ? digit | 32 : digit];
  } while (rest > 0);
  return encoded;
}

/**
 * A line-level source map for the edited code: each output line starts at the original line it
 * came from. The edits remove line breaks and add none, so lines only ever merge. Enough for
 * stack traces and for the bench's per-file size breakdown, which reads the shipped file's map.
 */
function lineMappings(code: string, edits: ReadonlyArray<{ start: number; end: number }>): string {
  const breaks = (text: string) => text.split('\n').length - 1;
  const originalLineOfOutputLine = [0];
  let line = 0;
  let position = 0;
  const keep = (text: string) => {
    for (let count = breaks(text); count > 0; count -= 1) originalLineOfOutputLine.push((line += 1));
  };
  for (const edit of edits) {
    keep(code.slice(position, edit.start));
    line += breaks(code.slice(edit.start, edit.end));
    position = edit.end;
  }
  keep(code.slice(position));
  let previous = 0;
  return originalLineOfOutputLine
    .map((original) => {
      const segment = `A${vlq(0)}${vlq(original - previous)}A`;
      previous = original;
      return segment;
    })
    .join(';');
}

/**
 * Minifies the static text of Lit's css`` and html`` tagged templates at build time: the
 * minifier leaves template text alone, and the element's stylesheet is the largest text in
 * the bundle.
 */
function minifyLitTemplates(): Plugin {
  const minifiers: Record<string, (text: string) => string> = { css: minifyCss, html: minifyHtml };
  return {
    name: 'paid-checkout:minify-lit-templates',
    apply: 'build',
    transform(code, id) {
      if (!/\/src\/.*\.ts$/.test(id) || !/\b(css|html)`/.test(code)) return null;
      const edits: Array<{ start: number; end: number; text: string }> = [];
      for (const node of nodes(parseAst(code))) {
        const tag = node.tag as Node | undefined;
        if (node.type !== 'TaggedTemplateExpression' || tag?.type !== 'Identifier') continue;
        const minify = minifiers[tag.name as string];
        if (!minify) continue;
        for (const quasi of (node.quasi as { quasis: Quasi[] }).quasis) {
          // Only where the AST's offsets are exactly the raw text (they are, for oxc's ESTree).
          if (code.slice(quasi.start, quasi.end) !== quasi.value.raw) continue;
          edits.push({ start: quasi.start, end: quasi.end, text: minify(quasi.value.raw) });
        }
      }
      if (edits.length === 0) return null;
      edits.sort((a, b) => a.start - b.start);
      let output = '';
      let position = 0;
      for (const edit of edits) {
        output += code.slice(position, edit.start) + edit.text;
        position = edit.end;
      }
      output += code.slice(position);
      return { code: output, map: { version: 3, sources: [id], names: [], mappings: lineMappings(code, edits) } };
    },
  };
}

export default defineConfig({
  plugins: [minifyLitTemplates()],
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: false,
    sourcemap: true,
    minify: true,
    // Vite leaves an ES library unminified whatever build.minify says; a script-tag file must be
    // small. Its bundler annotations (`/* @__PURE__ */`) serve no later bundler, and the notices
    // of the libraries it bundles are one banner instead of one per module.
    rolldownOptions: {
      output: {
        minify: true,
        comments: false,
        postBanner:
          '/*! paid-checkout. Bundles lit (BSD-3-Clause, Copyright (c) 2017 Google LLC), zod (MIT, Copyright (c) 2025 Colin McDonnell) and @stripe/stripe-js (MIT, Copyright (c) 2017 Stripe); their licenses: https://www.npmjs.com/package/lit, /zod, /@stripe/stripe-js */',
      },
    },
    lib: {
      entry: 'src/index.ts',
      name: 'PaidCheckoutElement',
      formats: ['es', 'iife'],
      fileName: (format) => (format === 'es' ? 'paid-checkout.js' : 'paid-checkout.iife.js'),
    },
  },
});
