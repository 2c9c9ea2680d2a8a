// Where the installed Paid Node SDK keeps its declaration files, found from its own package.json.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const manifestPath = require.resolve('@paid-ai/paid-node/package.json');
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { version: string; types: string };

export const sdkVersion = manifest.version;

/** The folder of the SDK's CommonJS `.d.ts` tree (`dist/cjs`), where its `types` entry lives. */
export const sdkDeclarationRoot = dirname(join(dirname(manifestPath), manifest.types));

/** The index of every API type the SDK declares (`Checkout`, `ErrorResponse`, …). */
export const sdkTypesIndex = join(sdkDeclarationRoot, 'api', 'types', 'index.d.ts');

/** The declaration of one resource's client class, e.g. `checkouts` → `api/resources/checkouts/client/Client.d.ts`. */
export function resourceClientDeclaration(resource: string): string {
  return join(sdkDeclarationRoot, 'api', 'resources', resource, 'client', 'Client.d.ts');
}
