// node verify.js OUTPUT_DIR SITEURL FILE...: verifies each Open Badges 3.0 credential file (JSON) with the
// Digital Bazaar stack, offline: SITEURL and the https URL of its did:web are read from OUTPUT_DIR.
// Prints one JSON line per file: {"file", "verified", "revoked", "error"}. Exit 0 unless it crashed.
import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {verifyCredential} from './core.js';

const [output, siteurl, ...files] = process.argv.slice(2);
const site = new URL(siteurl);
// did:web always resolves over https: the https form of SITEURL is served from the build output too
const bases = [siteurl.replace(/\/$/, ''), `https://${site.host}${site.pathname}`.replace(/\/$/, '')];

async function fetchJson(url) {
  for(const base of bases) {
    if(url === base || url.startsWith(base + '/')) {
      const relative = decodeURIComponent(url.slice(base.length + 1));
      const file = path.resolve(output, relative);
      if(!file.startsWith(path.resolve(output) + path.sep)) {
        break;
      }
      return JSON.parse(await readFile(file, 'utf8'));
    }
  }
  throw new Error(`offline: ${url} is not part of ${siteurl}`);
}

for(const file of files) {
  let line;
  try {
    const credential = JSON.parse(await readFile(file, 'utf8'));
    line = {file, ...await verifyCredential(credential, fetchJson)};
  } catch(error) {
    line = {file, verified: false, revoked: false, error: error.message};
  }
  console.log(JSON.stringify(line));
}
