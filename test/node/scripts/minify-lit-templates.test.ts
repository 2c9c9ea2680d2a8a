// The build's Lit template minifier (scripts/minify-lit-templates.ts): what it takes out of css``
// and html`` text, what it leaves alone, and that its source map keeps each line's origin.
import { decode } from '@jridgewell/sourcemap-codec';
import assert from 'node:assert/strict';
import { test } from 'node:test';
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

test('css keeps quoted strings exactly as written', () => {
  assert.equal(minifyCss(`a::before { content: "  {  ;  }  "; font-family: 'A  B' , serif; }`), `a::before{content:"  {  ;  }  ";font-family:'A  B',serif}`);
});

test('html turns a run of whitespace holding a line break into one space and leaves other spaces', () => {
  assert.equal(minifyHtml('<p>\n      one  two\n\t</p>  <b>x</b>'), '<p> one  two </p>  <b>x</b>');
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
