// The build's Lit template minifier (scripts/minify-lit-templates.ts): what it takes out of css``
// and html`` text, what it leaves alone, and that its source map keeps each line's origin.
import { decode } from '@jridgewell/sourcemap-codec';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { minifyCss, minifyHtml, minifyLitTemplatesIn } from '../../../scripts/minify-lit-templates.ts';

test('css loses its comments and indentation, and the spaces around punctuation; leading space stays one space', () => {
  const css = `
    /* the host */
    :host {
      color: red ;
      margin: 0 auto;
    }
    a > b, c { top: 0; }
  `;
  assert.equal(minifyCss(css), ' :host{color:red;margin:0 auto}a>b,c{top:0}');
});

test('css loses a number’s leading zero, the spaces of a product in calc() and the space before !important', () => {
  assert.equal(
    minifyCss(`a { margin: 0.4em 0 0; padding: calc(var(--s) * 1.5) calc(var(--s) * 0.75); color: rgb(0 0 0 / 0.5); top: 0 !important; }`),
    'a{margin:.4em 0 0;padding:calc(var(--s)*1.5) calc(var(--s)*.75);color:rgb(0 0 0 / .5);top:0!important}',
  );
  // A selector's `*` stays between its spaces, and so do the ends of numbers: 10.5, -0.5, a piece's start.
  assert.equal(minifyCss('.a :disabled * { left: 10.5px; right: -0.5px; }'), '.a :disabled *{left:10.5px;right:-0.5px}');
  assert.equal(minifyCss('0.5em'), '0.5em');
});

test('a selector’s `*` before a class keeps its spaces after a parenthesis: `:host(.dark) * .x` stays a valid selector', () => {
  // Joined, `:host(.dark)*.x` puts `*` after a pseudo-class: the browser drops the whole rule.
  assert.equal(minifyCss(':host(.dark) * .x { top: 0; } :is(.a, .b) * .c { left: 0.5em; }'), ':host(.dark) * .x{top:0}:is(.a,.b) * .c{left:.5em}');
  // A product whose second factor lost its leading zero is still joined.
  assert.equal(minifyCss('a { width: calc(var(--s) * 0.5); }'), 'a{width:calc(var(--s)*.5)}');
});

test('css keeps quoted strings exactly as written', () => {
  assert.equal(minifyCss(`a::before { content: "  {  ;  }  "; font-family: 'A  B' , serif; }`), `a::before{content:"  {  ;  }  ";font-family:'A  B',serif}`);
});

test('a comment goes whatever it holds: an apostrophe, a quote, a comment opener, or the end of the text', () => {
  const css = `
    /* The merchant's own words keep their direction. */
    .a { color: red; }
    /* "quoted" and 'paired' */ .b { top: 0; }
    /* one /* two */ .c { left: 0; }
    .d { right: 0; } /* left open at the end of the piece: it's CSS's rule too`;
  assert.equal(minifyCss(css), ' .a{color:red}.b{top:0}.c{left:0}.d{right:0}');
  // A comment between two words separates them, as CSS reads it.
  assert.equal(minifyCss('a{margin:0/**/auto}'), 'a{margin:0 auto}');
});

test('a string keeps what looks like a comment, and a comment in an unquoted url() is the url’s', () => {
  assert.equal(minifyCss(`a::before { content: "/* not a comment */"; } b::after { content: '*/'; }`), `a::before{content:"/* not a comment */"}b::after{content:'*/'}`);
  assert.equal(minifyCss(`a { background: url(https://x.example/a/*b*/c.png) , URL( d.png ); }`), 'a{background:url(https://x.example/a/*b*/c.png),URL( d.png )}');
  assert.equal(minifyCss(`a { background: url( "/* in a string */" ); }`), 'a{background:url( "/* in a string */" )}');
  // An apostrophe alone in code pairs with nothing on a later line (a CSS string ends at its line).
  assert.equal(minifyCss(`[title=it's] { top: 0; }\n/* x */ b { left: 0; }`), `[title=it's]{top:0}b{left:0}`);
});

test('no comment is left in the built element: minified with the build’s plugin, every css`` of src/', async () => {
  const src = fileURLToPath(new URL('../../../src/', import.meta.url));
  const sources = (await readdir(src, { recursive: true })).filter((name) => name.endsWith('.ts')).map((name) => join(src, name));
  let styled = 0;
  for (const source of sources) {
    const code = await readFile(source, 'utf8');
    if (!/\bcss`/.test(code)) continue;
    styled += 1;
    const result = minifyLitTemplatesIn(code, source);
    const templates = [...(result?.code ?? code).matchAll(/\bcss`([^`]*)`/g)].map((match) => match[1]!);
    for (const text of templates) assert.doesNotMatch(text, /\/\*/, `${source} keeps a comment`);
  }
  assert.ok(styled > 0, 'src has css`` templates');
});

test('html turns a run of whitespace holding a line break into one space and leaves other spaces', () => {
  assert.equal(minifyHtml('<p>\n      one  two\n\t</p>  <b>x</b>'), '<p> one  two </p>  <b>x</b>');
});

test('html drops an attribute’s quotes where the whole value is in the piece and is letters, digits, _ and -', () => {
  assert.equal(minifyHtml('<p class="muted" tabindex="-1" data-x="a_1">x</p>'), '<p class=muted tabindex=-1 data-x=a_1>x</p>');
  assert.equal(minifyHtml('<input type="radio" step="1" />'), '<input type=radio step=1 />');
  // Spaces, an empty value, a URL, a value whose binding follows (`plan-${id}`), or one touching `/>`: as written.
  for (const kept of ['<p class="a b">', '<p title="">', '<a href="https://x.example/">', '<input name="plan-', '<p id="x"${', '<path d="M0"/>']) {
    assert.equal(minifyHtml(kept), kept);
  }
});

test('only css and html tagged templates are minified, around their interpolations', () => {
  const code = [
    'const styles = css`',
    '  :host {',
    '    color: ${color};',
    '  }',
    '`;',
    'const view = html`<p>',
    '  ${name}',
    '</p>`;',
    'const message = `keep   this\n  text`;',
    'const other = sql`SELECT  *\n  FROM t`;',
  ].join('\n');
  const result = minifyLitTemplatesIn(code, 'view.js');
  assert.ok(result);
  assert.equal(
    result.code,
    [
      'const styles = css` :host{color:${color}}`;',
      'const view = html`<p> ${name} </p>`;',
      'const message = `keep   this\n  text`;',
      'const other = sql`SELECT  *\n  FROM t`;',
    ].join('\n'),
  );
});

test('code with nothing to minify is left to the bundler (null)', () => {
  assert.equal(minifyLitTemplatesIn('export const a = `x\n  y`;', 'a.js'), null);
  assert.equal(minifyLitTemplatesIn('export const b = html`<p>${x}</p>`;', 'b.js'), null);
});

test('the source map sends each output line back to the line it came from', () => {
  const code = ['const styles = css`', '  :host {', '    color: red;', '  }', '`;', 'export const marker = 1;', 'export const after = 2;'].join('\n');
  const result = minifyLitTemplatesIn(code, '/repo/src/styles.js');
  assert.ok(result);
  const output = result.code.split('\n');
  assert.deepEqual(output, ['const styles = css` :host{color:red}`;', 'export const marker = 1;', 'export const after = 2;']);
  assert.deepEqual(result.map.sources, ['/repo/src/styles.js']);
  const lines = decode(result.map.mappings);
  // Each output line's first segment: [column, source, original line, original column].
  const originalLineOf = (outputLine: number) => lines[outputLine]?.[0]?.[2];
  assert.equal(originalLineOf(0), 0);
  assert.equal(originalLineOf(1), 5, '`marker` comes from the sixth line');
  assert.equal(originalLineOf(2), 6, '`after` comes from the seventh line');
});
