// The Custom Elements Manifest analyzer's settings (run by scripts/build.mjs, after dist/types is
// written): custom-elements.json, with each event typed from PaidCheckoutEventMap; then, from it, the
// types and editor data each framework and editor reads (the wc-toolkit family, adapted below where
// a generator's output does not type-check in its framework), then the manifest and package.json
// checked by @wc-toolkit/cem-validator. package.json's `customElements` field is written by hand, so
// the analyzer must not rewrite it. test/types type-checks a component of each framework against them.
//
//   dist/types/jsx-elements.d.ts  @wc-toolkit/jsx-types: the props of each element, for JSX
//   dist/types/jsx.d.ts, jsx-preact.d.ts, jsx-solid.d.ts   those props in React 19's, Preact's and
//                                 Solid's JSX.IntrinsicElements (`paid-checkout/jsx`, `/jsx/preact`, `/jsx/solid`)
//   dist/types/vue.d.ts           custom-element-vuejs-integration: Vue's GlobalComponents (`paid-checkout/vue`)
//   dist/types/svelte.d.ts        custom-element-svelte-integration: svelte/elements (`paid-checkout/svelte`)
//   dist/vscode.html-custom-data.json, dist/vscode.css-custom-data.json   custom-element-vs-code-integration
//   dist/web-types.json           custom-element-jet-brains-integration (package.json `web-types`)
import { readFileSync, writeFileSync } from 'node:fs';
import { cemValidatorPlugin } from '@wc-toolkit/cem-validator';
import { generateJsxTypes } from '@wc-toolkit/jsx-types';
import { customElementJetBrainsPlugin } from 'custom-element-jet-brains-integration';
import { generateSvelteTypes } from 'custom-element-svelte-integration';
import { customElementVsCodePlugin } from 'custom-element-vs-code-integration';
import { generateVuejsTypes } from 'custom-element-vuejs-integration';

/** Where the element's events and their detail types are declared (src/events.ts). */
const eventMapName = 'PaidCheckoutEventMap';
const eventsModule = 'src/events.ts';

/**
 * Types each event of the manifest from PaidCheckoutEventMap, the map `emit()` and
 * HTMLElementEventMap use: `paid-checkout-complete` is `CustomEvent<PaidCheckoutCompleteDetail>`, as
 * the schema asks (the type of the event object). A `@fires {Type} name` tag still wins. An event
 * documented with @fires but missing from the map, or the other way round, is reported here and
 * fails test/e2e/package.test.ts (not the build: other work goes on while the docs catch up).
 */
function eventTypesFromEventMap() {
  /** `paid-checkout-ready` → `PaidCheckoutReadyEvent`, from the map. */
  const eventAliases = new Map();
  /** `PaidCheckoutReadyEvent` → `CustomEvent<PaidCheckoutReadyDetail>`, from the type aliases. */
  const aliasTypes = new Map();
  return {
    name: 'paid-checkout:event-types',
    analyzePhase({ ts, node }) {
      if (ts.isInterfaceDeclaration(node) && node.name.text === eventMapName) {
        for (const member of node.members) {
          if (ts.isPropertySignature(member) && member.type) eventAliases.set(member.name.text, member.type.getText());
        }
      }
      if (ts.isTypeAliasDeclaration(node)) aliasTypes.set(node.name.text, node.type.getText());
    },
    packageLinkPhase({ customElementsManifest }) {
      // src/events.ts is read for its types only; its `emit` is not the package's API.
      customElementsManifest.modules = customElementsManifest.modules.filter((module) => module.path !== eventsModule);
      if (eventAliases.size === 0) throw new Error(`custom-elements-manifest.config.mjs: no ${eventMapName} in ${eventsModule}`);
      for (const declaration of customElementsManifest.modules.flatMap((module) => module.declarations ?? [])) {
        if (!declaration.customElement) continue;
        const documented = new Set((declaration.events ?? []).map((event) => event.name));
        const undocumented = [...eventAliases.keys()].filter((name) => !documented.has(name));
        if (undocumented.length > 0) console.warn(`custom-elements-manifest.config.mjs: ${declaration.name}: events in ${eventMapName} without a @fires tag (left out of the manifest and the types): ${undocumented.join(', ')}`);
        for (const event of declaration.events ?? []) {
          if (event.type?.text) continue;
          const alias = eventAliases.get(event.name);
          if (alias) event.type = { text: aliasTypes.get(alias) ?? alias };
          else console.warn(`custom-elements-manifest.config.mjs: ${declaration.name}: @fires ${event.name} is not in ${eventMapName} (${eventsModule}); it stays untyped`);
        }
      }
    },
  };
}

/**
 * Editors list an attribute's values from its type's text: `theme` is `PaidCheckoutTheme`, which
 * names no value. Each attribute and property whose type is a local alias of string literals
 * (`'light' | 'dark' | 'auto'`) gets it as `expandedType`, which the VS Code and JetBrains
 * generators read (`typesSrc`); the type itself stays the name the framework types import.
 */
function expandedStringUnions() {
  const aliases = new Map();
  return {
    name: 'paid-checkout:expanded-string-unions',
    analyzePhase({ ts, node }) {
      if (ts.isTypeAliasDeclaration(node) && ts.isUnionTypeNode(node.type) && node.type.types.every((type) => ts.isLiteralTypeNode(type) && ts.isStringLiteral(type.literal))) {
        aliases.set(node.name.text, node.type.getText());
      }
    },
    packageLinkPhase({ customElementsManifest }) {
      for (const declaration of elementsOf(customElementsManifest)) {
        for (const entry of [...(declaration.attributes ?? []), ...(declaration.members ?? [])]) {
          const expanded = aliases.get(entry.type?.text);
          if (expanded) entry.expandedType = { text: expanded };
        }
      }
    },
  };
}

/**
 * Vue's and Svelte's generators read an event's `type` as its detail (they write
 * `CustomEvent<type>` and import the name from the package's types), where the schema and
 * @wc-toolkit/jsx-types read the whole event; and they offer read-only properties (the
 * `resolvedLocale` getter) as props. They get a copy whose events carry the detail, without those.
 */
function forVueAndSvelte(manifest) {
  const copy = structuredClone(manifest);
  for (const declaration of copy.modules.flatMap((module) => module.declarations ?? [])) {
    for (const event of declaration.events ?? []) {
      const detail = /^CustomEvent<(.+)>$/.exec(event.type?.text ?? '');
      if (detail) event.type = { text: detail[1].trim() };
    }
    if (declaration.members) declaration.members = declaration.members.filter((member) => !member.readonly);
  }
  return copy;
}

/** Cuts a generated file at its first `declare module` / `declare global`: the types without the augmentations. */
function withoutAugmentations(declarations) {
  const first = declarations.search(/^declare (module|global|namespace)\b/m);
  if (first === -1) throw new Error('custom-elements-manifest.config.mjs: the generated types have no augmentation to cut');
  return `${declarations.slice(0, first).trimEnd()}\n`;
}

const generatedBy = (tool) => `// Generated from custom-elements.json by ${tool} (custom-elements-manifest.config.mjs). Do not edit.\n`;

const writtenBy = '// Written by custom-elements-manifest.config.mjs beside jsx-elements.d.ts (generated by @wc-toolkit/jsx-types). Do not edit.\n';

/** The manifest's custom elements: tag and class name. */
function elementsOf(manifest) {
  return manifest.modules.flatMap((module) => module.declarations ?? []).filter((declaration) => declaration.customElement && declaration.tagName);
}

/**
 * `paid-checkout/jsx` (React 19) and `paid-checkout/jsx/preact`: each element takes the framework's
 * own props for an element (`ref` objects, `key`, `class`/`className`, `style` with the element's
 * custom properties, `aria-*`, `onClick`…) and its generated props (attributes, properties,
 * `onpaid-checkout-*` events); the generated base props are framework-neutral and refuse ref objects.
 */
function jsxWithOwnProps(manifest, { module, imports, elementProps }) {
  const elements = elementsOf(manifest);
  return `${writtenBy}import type { ${imports} } from '${module}';
import type { ${elements.map((element) => element.name).join(', ')} } from './index.js';
import type { CustomCssProperties, ${elements.map((element) => `${element.name}Props`).join(', ')} } from './jsx-elements.js';
export type * from './jsx-elements.js';

declare module '${module}' {
  namespace JSX {
    interface IntrinsicElements {
${elements.map((element) => `      '${element.tagName}': ${elementProps(element.name)} & ${element.name}Props;`).join('\n')}
    }
  }
  interface CSSProperties extends CustomCssProperties {}
}
`;
}

/** `paid-checkout/jsx/solid`: Solid's JSX takes the generated props as they are (its `attr:`, `prop:` and `on:` forms included). */
function jsxAugmentation(module, elements) {
  return `${writtenBy}import type { ${elements}, CustomCssProperties } from './jsx-elements.js';
export type * from './jsx-elements.js';

declare module '${module}' {
  namespace JSX {
    interface IntrinsicElements extends ${elements} {}
  }
  interface CSSProperties extends CustomCssProperties {}
}
`;
}

/**
 * Svelte 5: the element's props join Svelte's own attributes for an element (`class`, `style`,
 * `data-*`, `aria-*`, `onclick`…) in `svelte/elements`' SvelteHTMLElements, the way Svelte's docs
 * type a custom element; and its events are `on<event>` attributes (`onpaid-checkout-complete={…}`),
 * where the generator writes Svelte 4's `on:` directives and Solid's base props.
 */
function forSvelte5(declarations) {
  const props = withoutAugmentations(declarations)
    .replace(/type BaseProps = \{[\s\S]*?\n\};\n/, '')
    .replace(/type BaseEvents = \{\};\n/, '')
    .replace(/"on:([a-z][\w-]*)"\?:/g, '"on$1"?:')
    .replace(/Partial<(\w+)Props & BaseProps & BaseEvents>/g, 'Partial<$1Props> & HTMLAttributes<$1>');
  return `import type { HTMLAttributes } from 'svelte/elements';\n${props}
declare module 'svelte/elements' {
  interface SvelteHTMLElements extends CustomElements {}
}
`;
}

const camelize = (name) => name.replace(/-(\w)/g, (_, letter) => letter.toUpperCase());

/**
 * Vue: props as Vue's templates type-check them, camelCased (`:checkout-id` is `checkoutId`,
 * `@paid-checkout-complete` is `onPaidCheckoutComplete`), where the generator keeps the dashes; and
 * only GlobalComponents (the generator also declares a global JSX namespace, which would shadow
 * React's or Vue's own).
 */
function forVue(declarations) {
  const props = withoutAugmentations(declarations)
    .replace(/"on([a-z][\w-]*)"\?:/g, (_, event) => `on${camelize(`-${event}`)}?:`)
    .replace(/"([a-z][\w]*(?:-\w+)+)"\?:/g, (_, attribute) => `${camelize(attribute)}?:`);
  return `${props}
declare module 'vue' {
  interface GlobalComponents extends CustomElements {}
}
`;
}

function frameworkTypes() {
  return {
    name: 'paid-checkout:framework-types',
    packageLinkPhase({ customElementsManifest }) {
      const write = (file, transform) => writeFileSync(file, transform(readFileSync(file, 'utf8')));
      generateJsxTypes(customElementsManifest, { outdir: 'dist/types', fileName: 'jsx-elements.d.ts', globalTypePath: './index.js', stronglyTypedEvents: true, hideLogs: true });
      write('dist/types/jsx-elements.d.ts', (text) => generatedBy('@wc-toolkit/jsx-types') + withoutAugmentations(text));
      writeFileSync('dist/types/jsx.d.ts', jsxWithOwnProps(customElementsManifest, { module: 'react', imports: 'DetailedHTMLProps, HTMLAttributes', elementProps: (name) => `DetailedHTMLProps<HTMLAttributes<${name}>, ${name}>` }));
      writeFileSync('dist/types/jsx-preact.d.ts', jsxWithOwnProps(customElementsManifest, { module: 'preact', imports: 'HTMLAttributes', elementProps: (name) => `HTMLAttributes<${name}>` }));
      writeFileSync('dist/types/jsx-solid.d.ts', jsxAugmentation('solid-js', 'CustomElementsSolidJs'));

      const manifest = forVueAndSvelte(customElementsManifest);
      generateVuejsTypes(manifest, { outdir: 'dist/types', fileName: 'vue.d.ts', globalTypePath: './index.js', hideLogs: true });
      write('dist/types/vue.d.ts', (text) => generatedBy('custom-element-vuejs-integration') + forVue(text));
      generateSvelteTypes(manifest, { outdir: 'dist/types', fileName: 'svelte.d.ts', globalTypePath: './index.js', hideLogs: true });
      write('dist/types/svelte.d.ts', (text) => generatedBy('custom-element-svelte-integration') + forSvelte5(text));
    },
  };
}

export default {
  globs: ['src/paid-checkout.ts', 'src/index.ts', eventsModule],
  outdir: '.',
  litelement: true,
  packagejson: false,
  plugins: [
    eventTypesFromEventMap(),
    expandedStringUnions(),
    frameworkTypes(),
    customElementVsCodePlugin({ outdir: 'dist', htmlFileName: 'vscode.html-custom-data.json', cssFileName: 'vscode.css-custom-data.json', typesSrc: 'expandedType', hideLogs: true }),
    customElementJetBrainsPlugin({ outdir: 'dist', webTypesFileName: 'web-types.json', packageJson: false, typesSrc: 'expandedType', hideLogs: true }),
    cemValidatorPlugin({
      packageJsonPath: './package.json',
      cemFileName: 'custom-elements.json',
      rules: {
        manifest: {
          // The manifest names the sources (src/*.ts) that the package's `exports` are built from;
          // nothing reads its module paths (the generated types import './index.js' themselves).
          modulePath: 'off',
          definitionPath: 'off',
          // Type-only exports (the event details, PaidCheckoutTheme) are not in a manifest's exports;
          // they come from the main entry, and test/types compiles every generated file's imports.
          exportTypes: 'off',
        },
      },
    }),
  ],
};
