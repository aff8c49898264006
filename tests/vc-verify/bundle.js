// Builds theme/static/js/verifieer.js (the checker of /verifieer/) from browser.js with the pinned esbuild,
// and theme/static/js/verifieer.js.LICENSES.txt with the licence of every npm package inside it.
// Run `npm ci && npm run bundle` here after changing browser.js, core.js or a version; commit both files.
import {build} from 'esbuild';
import {existsSync, readFileSync, readdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';

const here = path.dirname(new URL(import.meta.url).pathname);
const outfile = path.join(here, '../../theme/static/js/verifieer.js');
const result = await build({
  entryPoints: [path.join(here, 'browser.js')],
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: ['es2020'],
  minify: true,
  legalComments: 'none',
  metafile: true,
  // esbuild follows "exports" before a package's "browser" map for its entry point; this one's entry needs Buffer
  alias: {'base64url-universal': path.join(here, 'node_modules/base64url-universal/lib/browser.js')},
  outfile,
  logLevel: 'warning',
});
const packages = new Map();
for(const input of Object.keys(result.metafile.inputs)) {
  const match = input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//g);
  if(match) {
    const name = match[match.length - 1].slice('node_modules/'.length, -1);
    const folder = path.join(here, input.slice(0, input.lastIndexOf(match[match.length - 1]) +
      match[match.length - 1].length));
    packages.set(name, folder);
  }
}
let text = 'Third-party software in verifieer.js (bundled with esbuild from the npm packages of ' +
  'tests/vc-verify/package-lock.json):\n';
for(const [name, folder] of [...packages].sort()) {
  const meta = JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8'));
  const licence = readdirSync(folder).find(file => /^(licen[cs]e|copying)/i.test(file));
  text += `\n${'='.repeat(78)}\n${name}@${meta.version} (${meta.license || 'see below'})\n${'='.repeat(78)}\n`;
  text += licence && existsSync(path.join(folder, licence)) ?
    readFileSync(path.join(folder, licence), 'utf8').trim() + '\n' : `No licence file; package.json says ${meta.license}.\n`;
}
writeFileSync(outfile + '.LICENSES.txt', text);
console.log(`verifieer.js: ${packages.size} packages`);
