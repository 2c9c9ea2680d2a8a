// The build's Lit template minifier: the static text of css`` and html`` literals made smaller,
// edited with magic-string so that the source map still points each byte at its line.
// Why our own: the maintained minifiers for Lit literals (minify-literals 2, Lit's rollup plugin)
// rest on html-minifier-next 8, which needs Node 22.13 (this package supports Node 20.19), and
// Lightning CSS made the element's stylesheet 7 B larger gzipped than minifyCss below does.
import MagicString from 'magic-string';
import { parseAst, type Plugin } from 'vite';

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
 * What css`` text is made of, read left to right as CSS reads it: a quoted string, a comment, or an
 * unquoted `url(…)` (inside which CSS sees neither comments nor strings); the rest is code. An
 * apostrophe in a comment is the comment's, and a comment opener in a string is the string's. A
 * comment left open runs to the end of the piece, as it does in CSS.
 */
const cssTokens = /('(?:[^'\\\n]|\\[\s\S])*'|"(?:[^"\\\n]|\\[\s\S])*"|\/\*[\s\S]*?(?:\*\/|$)|(?<![\w-])url\((?!\s*['"])[^)]*\))/i;

/**
 * Code between strings, comments and urls: indentation, and the spaces around `{ } ; , >` and after
 * `:`, go; so do a number's leading zero (`0.5em` → `.5em`, after a space, `:`, `,` or `(`: never
 * the end of a number an interpolation begins), the spaces of `) * 2` in a calc() (a `*` before a
 * digit, or before `.` and a digit, is no selector; before `.x` it is: `:host(.dark) * .x`) and the
 * space before `!important`.
 */
function squeezeCss(code: string): string {
  return code
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,>])\s*/g, '$1')
    .replace(/:\s+/g, ':')
    .replace(/;}/g, '}')
    .replace(/(?<=[ :,(])0\.(?=\d)/g, '.')
    .replace(/\) \* (?=\.?\d)/g, ')*')
    .replace(/ !important/g, '!important');
}

/**
 * The static text of a css`` literal, smaller: comments and indentation go, and the spaces
 * around `{ } ; , >` and after `:`. Quoted strings and unquoted `url(…)` are left as written.
 * Each piece between two `${…}` is minified on its own, so a space next to an interpolation is
 * kept unless it touches one of those characters.
 */
export function minifyCss(text: string): string {
  let minified = '';
  let code = '';
  text.split(cssTokens).forEach((part, index) => {
    if (index % 2 === 0) code += part;
    // A comment separates what is on either side of it, as a space does.
    else if (part.startsWith('/*')) code += ' ';
    else {
      minified += squeezeCss(code) + part;
      code = '';
    }
  });
  return minified + squeezeCss(code);
}

/**
 * The static text of an html`` literal, smaller: a run of whitespace that holds a line break is
 * one space. HTML renders any such run as one space (the element has no <pre> or <textarea>),
 * so what the customer sees and the DOM's structure are unchanged. An attribute's quotes go where
 * the whole value is written in the piece and is letters, digits, `_` and `-` (`class="muted"` →
 * `class=muted`): HTML reads it the same unquoted, and Lit finds its bindings the same.
 */
export function minifyHtml(text: string): string {
  return text.replace(/[ \t]*\n\s*/g, ' ').replace(/(\s[\w.:-]+)="([\w-]+)"(?=[\s>])/g, '$1=$2');
}

const minifiers: Record<string, (text: string) => string> = { css: minifyCss, html: minifyHtml };

/**
 * `code` with the static text of its css`` and html`` literals minified, and the source map of
 * that edit; null when there is nothing to minify. `id` names the source in the map.
 */
export function minifyLitTemplatesIn(code: string, id: string): { code: string; map: ReturnType<MagicString['generateMap']> } | null {
  if (!/\b(css|html)`/.test(code)) return null;
  const edited = new MagicString(code);
  for (const node of nodes(parseAst(code))) {
    const tag = node.tag as Node | undefined;
    if (node.type !== 'TaggedTemplateExpression' || tag?.type !== 'Identifier') continue;
    const minify = minifiers[tag.name as string];
    if (!minify) continue;
    for (const quasi of (node.quasi as { quasis: Quasi[] }).quasis) {
      // Only where the AST's offsets are exactly the raw text (they are, for oxc's ESTree).
      if (quasi.start === quasi.end || code.slice(quasi.start, quasi.end) !== quasi.value.raw) continue;
      const minified = minify(quasi.value.raw);
      if (minified !== quasi.value.raw) edited.overwrite(quasi.start, quasi.end, minified);
    }
  }
  if (!edited.hasChanged()) return null;
  return { code: edited.toString(), map: edited.generateMap({ source: id, includeContent: true, hires: 'boundary' }) };
}

/**
 * Minifies the static text of Lit's css`` and html`` tagged templates in src/ at build time: the
 * bundler's minifier leaves template text alone, and the element's stylesheet is the largest
 * text in the bundle.
 */
export function minifyLitTemplates(): Plugin {
  return {
    name: 'paid-checkout:minify-lit-templates',
    apply: 'build',
    transform(code, id) {
      if (!/\/src\/.*\.ts$/.test(id)) return null;
      return minifyLitTemplatesIn(code, id);
    },
  };
}
