// docs/EMBEDDING.md is kept honest in two ways: every fenced block under a `<!-- snippet: NAME -->`
// comment is the file test/e2e/snippets/NAME (which the e2e tests run; `../.types/…` for the
// TypeScript usage that tsc checks), and the reference tables
// between `<!-- reference:start -->` and `<!-- reference:end -->` are generated from
// custom-elements.json. `renderEmbeddingDoc` rewrites both; the suite checks nothing changes.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './sandbox.ts';
import { readSnippet, snippetsDirectory } from './snippets.ts';

export const embeddingDocPath = join(repoRoot, 'docs/EMBEDDING.md');

const snippetBlock = /<!-- snippet: ([\w./-]+) -->\n```(\w*)\n[\s\S]*?```\n/g;

export function snippetFiles(): string[] {
  return readdirSync(snippetsDirectory).sort();
}

/** The snippet names the doc embeds, in order. */
export function embeddedSnippets(doc: string): string[] {
  return [...doc.matchAll(snippetBlock)].map((match) => match[1]!);
}

interface Described {
  name: string;
  description?: string;
}
interface ManifestAttribute extends Described {
  fieldName?: string;
  type?: { text: string };
  default?: string;
}
interface ManifestMember extends Described {
  kind: string;
  privacy?: string;
  static?: boolean;
  attribute?: string;
  type?: { text: string };
  default?: string;
  reflects?: boolean;
}
export interface ManifestElement extends Described {
  tagName: string;
  customElement?: boolean;
  attributes?: ManifestAttribute[];
  members?: ManifestMember[];
  events?: Described[];
  slots?: Described[];
  cssParts?: Described[];
  cssProperties?: Described[];
}

export function manifestElement(tagName = 'paid-checkout'): ManifestElement {
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'custom-elements.json'), 'utf8')) as {
    modules: Array<{ declarations?: Array<Partial<ManifestElement>> }>;
  };
  const found = manifest.modules.flatMap((module) => module.declarations ?? []).find((declaration) => declaration.tagName === tagName);
  if (!found) throw new Error(`custom-elements.json declares no <${tagName}>`);
  return found as ManifestElement;
}

/** Public instance properties: what a page may set or read. */
export function publicProperties(element: ManifestElement): ManifestMember[] {
  // The analyzer writes `privacy: 'public'` for a Lit `static properties` entry, nothing for a plain field.
  return (element.members ?? []).filter((member) => member.kind === 'field' && (!member.privacy || member.privacy === 'public') && !member.static);
}

const cell = (text: string | undefined): string => (text ?? '').replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|');
const code = (text: string | undefined): string => (text ? `\`${text}\`` : '');

function table(headings: string[], rows: string[][]): string {
  return [`| ${headings.join(' | ')} |`, `| ${headings.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
}

/** The `code`s a paid-checkout-error can carry, from the published declarations. */
export function errorCodes(): string[] {
  const declarations = readFileSync(join(repoRoot, 'dist/types/errors.d.ts'), 'utf8');
  const union = /export type ErrorCode =([^;]+);/.exec(declarations)?.[1];
  if (!union) throw new Error('dist/types/errors.d.ts has no ErrorCode union');
  return [...union.matchAll(/'([a-z_]+)'/g)].map((match) => match[1]!);
}

/** The React wrapper's prop for each event, as src/react.ts maps them (`onStateChange: 'paid-checkout-statechange'`). */
export function reactEventProps(): Map<string, string> {
  const source = readFileSync(join(repoRoot, 'src/react.ts'), 'utf8');
  return new Map([...source.matchAll(/\b(on[A-Z]\w*): '(paid-checkout-[a-z-]+)'/g)].map((match) => [match[2]!, match[1]!]));
}

export function referenceTables(element: ManifestElement): string {
  const reactProps = reactEventProps();
  const properties = publicProperties(element);
  const defaults: Record<string, string> = { DEFAULT_API_BASE: "'https://api.agentpaid.io'" };
  const propertyRows = properties.map((property) => {
    const attribute = element.attributes?.find((candidate) => candidate.fieldName === property.name);
    const type = property.type?.text ?? attribute?.type?.text ?? (property.default && defaults[property.default] ? 'string' : '');
    const fallback = property.default ? (defaults[property.default] ?? property.default) : '';
    const access = attribute ? code(attribute.name) + (property.reflects ? ' (reflected)' : '') : 'read-only property';
    return [code(property.name), access, code(type), code(fallback), cell(property.description)];
  });
  return [
    '### Attributes and properties',
    '',
    table(['Property', 'Attribute', 'Type', 'Default', 'Description'], propertyRows),
    '',
    '### Events',
    '',
    'All bubble and are composed (they cross shadow roots); `event.detail` holds the data.',
    '',
    table(['Event', 'React wrapper prop', 'Detail and meaning'], (element.events ?? []).map((event) => [
      code(event.name),
      reactProps.has(event.name) ? code(reactProps.get(event.name)!) : '—',
      cell(event.description),
    ])),
    '',
    `\`paid-checkout-error\` codes (\`ErrorCode\` in the types): ${errorCodes().map(code).join(', ')}.`,
    '',
    '### CSS parts',
    '',
    table(['Part', 'Description'], (element.cssParts ?? []).map((part) => [code(`::part(${part.name})`), cell(part.description)])),
    '',
    '### CSS custom properties',
    '',
    table(['Custom property', 'Description'], (element.cssProperties ?? []).map((property) => [code(property.name), cell(property.description)])),
    '',
    '### Slots',
    '',
    table(['Slot', 'Description'], (element.slots ?? []).map((slot) => [code(slot.name || '(default)'), cell(slot.description)])),
  ].join('\n');
}

/** The doc with every snippet block and the reference tables regenerated. */
export function renderEmbeddingDoc(doc: string): string {
  const withSnippets = doc.replace(snippetBlock, (_match, name: string, language: string) => {
    const body = readSnippet(name);
    return `<!-- snippet: ${name} -->\n\`\`\`${language}\n${body.endsWith('\n') ? body : `${body}\n`}\`\`\`\n`;
  });
  return withSnippets.replace(
    /<!-- reference:start -->\n[\s\S]*?<!-- reference:end -->/,
    () => `<!-- reference:start -->\n${referenceTables(manifestElement())}\n<!-- reference:end -->`,
  );
}
