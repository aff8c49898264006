// /verifieer/: check a badge image (PNG or SVG, Open Badges 2.0 or 3.0) or a badge URL of this site, in the
// browser. Nothing is uploaded and nothing is requested from another host: only this site's own files (the
// hosted 2.0 assertion, the DID document, the revocation list). Open Badges 3.0 are verified with the same
// Digital Bazaar libraries as `make test` (core.js). Bundled by esbuild into theme/static/js/verifieer.js
// (`npm run bundle` in tests/vc-verify); the bundle is committed with its licence notices.
import {verifyCredential} from './core.js';

const OB2_NS = 'http://openbadges.org';
const OB3_NS = 'https://purl.imsglobal.org/ob/v3p0';
const VC2 = 'https://www.w3.org/ns/credentials/v2';

class Unverifiable extends Error {}

// --- Reading a badge image ----------------------------------------------------------------------------

function pngText(bytes) {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if(!signature.every((b, i) => bytes[i] === b)) {
    return null;
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const decoder = new TextDecoder('utf-8', {fatal: true});
  const found = {};
  let position = 8;
  while(position + 8 <= bytes.length) {
    const length = view.getUint32(position);
    const kind = String.fromCharCode(...bytes.subarray(position + 4, position + 8));
    const data = bytes.subarray(position + 8, position + 8 + length);
    if(kind === 'iTXt' || kind === 'tEXt') {
      const zero = data.indexOf(0);
      const keyword = String.fromCharCode(...data.subarray(0, zero));
      if(keyword === 'openbadgecredential' || keyword === 'openbadges') {
        let text;
        if(kind === 'tEXt') {
          text = new TextDecoder('latin1').decode(data.subarray(zero + 1));
        } else {
          if(data[zero + 1] !== 0) {
            throw new Unverifiable('De gegevens in deze PNG zijn gecomprimeerd; dat ondersteunt deze pagina niet.');
          }
          const language = data.indexOf(0, zero + 3);
          const translated = data.indexOf(0, language + 1);
          text = decoder.decode(data.subarray(translated + 1));
        }
        found[keyword] = text;
      }
    }
    if(kind === 'IEND') {
      break;
    }
    position += 12 + length;
  }
  return found.openbadgecredential ?? found.openbadges ?? '';
}

function svgText(text) {
  const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
  if(doc.getElementsByTagName('parsererror').length || doc.documentElement.localName !== 'svg') {
    return null;
  }
  const credential = doc.getElementsByTagNameNS(OB3_NS, 'credential')[0];
  if(credential) {
    return credential.textContent.trim();
  }
  const assertion = doc.getElementsByTagNameNS(OB2_NS, 'assertion')[0];
  if(assertion) {
    return assertion.textContent.trim() || assertion.getAttribute('verify') || '';
  }
  return '';
}

async function badgeFromFile(file) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let text = pngText(bytes);
  if(text === null) {
    let svg;
    try {
      svg = new TextDecoder('utf-8', {fatal: true}).decode(bytes);
    } catch {
      svg = null;
    }
    text = svg === null ? null : svgText(svg);
  }
  if(text === null) {
    throw new Unverifiable('Dit is geen PNG- of SVG-afbeelding.');
  }
  if(!text) {
    throw new Unverifiable('Deze afbeelding bevat geen Open Badge: er zitten geen badgegegevens in.');
  }
  if(/^https?:\/\//.test(text)) {
    return {document: await fetchJson(text), baked: false};
  }
  try {
    return {document: JSON.parse(text), baked: true};
  } catch {
    return {document: null, baked: true, broken: true};
  }
}

// --- This site only -----------------------------------------------------------------------------------

// The https URL of a did:web (and every other URL) is read from this site when its host is this host: a
// development build is served over http, but did:web always says https.
function siteUrl(url) {
  let parsed;
  try {
    parsed = new URL(url, location.href);
  } catch {
    throw new Unverifiable('Dat is geen geldig webadres.');
  }
  if(parsed.host !== location.host || !['http:', 'https:'].includes(parsed.protocol)) {
    throw new Unverifiable(`Deze pagina controleert alleen badges van ${location.host}; ` +
      'voor een badge van een andere uitgever vraagt ze niets op bij een andere website.');
  }
  return `${location.protocol}//${location.host}${parsed.pathname}`;
}

const fetched = new Map();
async function fetchJson(url) {
  const target = siteUrl(url);
  if(!fetched.has(target)) {
    fetched.set(target, (async () => {
      const response = await fetch(target, {credentials: 'omit', headers: {Accept: 'application/json'}});
      if(response.status === 404) {
        const error = new Unverifiable('Op dit adres staat geen badge (meer).');
        error.notFound = true;
        throw error;
      }
      if(!response.ok) {
        throw new Unverifiable(`${target} gaf fout ${response.status}.`);
      }
      return response.json();
    })());
  }
  return fetched.get(target);
}

// --- Open Badges 3.0 ----------------------------------------------------------------------------------

function isCredential(doc) {
  const contexts = [].concat(doc && doc['@context'] || []);
  return contexts[0] === VC2;
}

async function checkCredential(credential) {
  const {verified, revoked, error} = await verifyCredential(credential, fetchJson);
  const subject = credential.credentialSubject || {};
  const achievement = subject.achievement || {};
  const issuer = typeof credential.issuer === 'object' ? credential.issuer : {id: credential.issuer};
  const evidence = [].concat(credential.evidence || [])[0];
  const identity = [].concat(subject.identifier || [])[0];
  let verdict;
  if(/signature|proof/i.test(error)) {
    verdict = 'gewijzigd';
  } else if(revoked) {
    verdict = 'ingetrokken';
  } else if(verified) {
    verdict = 'geldig';
  } else {
    verdict = 'onbekend';
  }
  return {
    verdict, error, version: 'Open Badges 3.0 (ondertekend)',
    issuer: issuer.name || issuer.id, issuerUrl: issuer.url,
    badge: achievement.name || credential.name, description: achievement.description || credential.description,
    date: credential.validFrom,
    recipientUrl: subject.id || null,
    profileUrl: evidence && evidence.id,
    hashed: identity && identity.hashed ? {hash: identity.identityHash, salt: identity.salt || ''} : null,
  };
}

// --- Open Badges 2.0 (hosted) -------------------------------------------------------------------------

function sameJson(a, b) {
  const sort = value => Array.isArray(value) ? value.map(sort) :
    value && typeof value === 'object' ?
      Object.fromEntries(Object.keys(value).sort().map(key => [key, sort(value[key])])) : value;
  return JSON.stringify(sort(a)) === JSON.stringify(sort(b));
}

async function checkAssertion(baked, isBaked) {
  if(!baked || typeof baked.id !== 'string') {
    throw new Unverifiable('Deze Open Badge 2.0 heeft geen adres om hem te controleren.');
  }
  let hosted;
  try {
    hosted = await fetchJson(baked.id);
  } catch(error) {
    if(error.notFound) {
      return {verdict: 'ingetrokken', version: 'Open Badges 2.0', error: 'De uitreiking staat niet meer op de site.'};
    }
    throw error;
  }
  if(hosted.revoked) {
    return {verdict: 'ingetrokken', version: 'Open Badges 2.0', error: hosted.revocationReason || ''};
  }
  const result = {verdict: isBaked && !sameJson(baked, hosted) ? 'gewijzigd' : 'geldig', version: 'Open Badges 2.0'};
  const badge = await fetchJson(hosted.badge);
  const issuer = await fetchJson(badge.issuer);
  const recipient = hosted.recipient || {};
  return {
    ...result, issuer: issuer.name, issuerUrl: issuer.url, badge: badge.name, description: badge.description,
    date: hosted.issuedOn, profileUrl: typeof hosted.evidence === 'string' ? hosted.evidence : null,
    recipientUrl: recipient.type === 'url' ? recipient.identity : null,
    hashed: recipient.hashed ? {hash: recipient.identity, salt: recipient.salt || ''} : null,
  };
}

// --- The page -----------------------------------------------------------------------------------------

const VERDICTS = {
  geldig: ['Deze badge is geldig', 'De badge is echt, ongewijzigd en niet ingetrokken.'],
  ingetrokken: ['Deze badge is ingetrokken', 'De uitgever heeft deze badge ingetrokken; hij telt niet meer.'],
  gewijzigd: ['Deze badge is gewijzigd', 'De gegevens kloppen niet met wat de uitgever heeft uitgereikt: ' +
    'iemand heeft ze veranderd. Vertrouw deze badge niet.'],
  onbekend: ['Deze badge is niet te controleren', ''],
};

function formatDate(value) {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? String(value || '') :
    new Intl.DateTimeFormat('nl-NL', {dateStyle: 'long', timeZone: 'Europe/Amsterdam'}).format(date);
}

function link(url, text) {
  if(typeof url !== 'string' || !/^https?:\/\//i.test(url)) {
    return String(text || url || '');  // a badge's data decides no link target but a web address
  }
  const a = document.createElement('a');
  a.href = url;
  a.textContent = text || url;
  return a;
}

async function sha256Hex(text) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), b => b.toString(16).padStart(2, '0')).join('');
}

function show(root, result) {
  const out = root.querySelector('[data-verify-result]');
  const [title, explanation] = VERDICTS[result.verdict];
  out.replaceChildren();
  out.hidden = false;
  out.dataset.run = String(Number(out.dataset.run || 0) + 1);  // one more check shown
  out.className = `verify-result verify-result--${result.verdict}`;
  const heading = document.createElement('h2');
  heading.className = 'verify-result__verdict';
  heading.dataset.verdict = result.verdict;
  heading.tabIndex = -1;
  heading.textContent = title;
  out.append(heading);
  const why = document.createElement('p');
  why.textContent = [explanation, result.verdict === 'onbekend' || result.verdict === 'ingetrokken' ?
    result.error : ''].filter(Boolean).join(' ');
  if(why.textContent) {
    out.append(why);
  }
  const rows = [];
  // what a badge says about itself is shown only when it is the issuer's own, untouched word
  const trusted = result.verdict === 'geldig' || result.verdict === 'ingetrokken';
  if(!trusted) {
    result = {verdict: result.verdict, version: result.version};
  }
  if(result.badge) {
    rows.push(['Badge', result.badge + (result.description ? ` — ${result.description}` : '')]);
  }
  if(result.issuer) {
    rows.push(['Uitgereikt door', result.issuerUrl ? link(result.issuerUrl, result.issuer) : result.issuer]);
  }
  if(result.recipientUrl) {
    rows.push(['Aan', link(result.recipientUrl)]);
  } else if(result.hashed) {
    rows.push(['Aan', 'de eigenaar van een e-mailadres (het adres staat er versleuteld in; controleer het hieronder)']);
  }
  if(result.profileUrl && !result.recipientUrl) {
    rows.push(['Profiel', link(result.profileUrl)]);
  }
  if(result.date) {
    rows.push(['Datum', formatDate(result.date)]);
  }
  rows.push(['Standaard', result.version]);
  const list = document.createElement('dl');
  list.className = 'verify-result__facts';
  for(const [term, value] of rows) {
    const dt = document.createElement('dt');
    dt.textContent = term;
    const dd = document.createElement('dd');
    dd.append(value);
    list.append(dt, dd);
  }
  out.append(list);
  const email = root.querySelector('[data-verify-email]');
  email.hidden = !result.hashed;
  email.querySelector('[data-verify-email-result]').textContent = '';
  email.onsubmit = async event => {
    event.preventDefault();
    const address = email.querySelector('input').value.trim().toLowerCase();
    const [algorithm, expected] = result.hashed.hash.split('$');
    const answer = email.querySelector('[data-verify-email-result]');
    if(algorithm !== 'sha256') {
      answer.textContent = 'Deze badge gebruikt een versleuteling die deze pagina niet kent.';
      return;
    }
    const match = await sha256Hex(address + result.hashed.salt) === expected.toLowerCase();
    answer.textContent = match ? 'Ja: deze badge is uitgereikt aan dit e-mailadres.' :
      'Nee: deze badge is niet uitgereikt aan dit e-mailadres.';
    answer.dataset.match = String(match);
  };
  heading.focus();
}

function showProblem(root, message) {
  show(root, {verdict: 'onbekend', error: message, version: 'onbekend'});
}

async function check(root, load) {
  const status = root.querySelector('[data-verify-status]');
  status.textContent = 'Bezig met controleren…';
  try {
    const {document: doc, baked, broken} = await load();
    if(broken) {
      show(root, {verdict: 'gewijzigd', version: 'onbekend', error: ''});
    } else if(isCredential(doc)) {
      show(root, await checkCredential(doc));
    } else if(doc && (doc.type === 'Assertion' || doc['@context'] === 'https://w3id.org/openbadges/v2')) {
      show(root, await checkAssertion(doc, baked));
    } else {
      throw new Unverifiable('Dit is geen Open Badge.');
    }
    status.textContent = 'Klaar.';
  } catch(error) {
    showProblem(root, error instanceof Unverifiable ? error.message : `Er ging iets mis: ${error.message}`);
    status.textContent = 'Klaar.';
  }
}

function init() {
  const root = document.querySelector('[data-verify]');
  if(!root) {
    return;
  }
  root.hidden = false;
  for(const element of document.querySelectorAll('[data-verify-nojs]')) {
    element.hidden = true;
  }
  const input = root.querySelector('[data-verify-file]');
  const drop = root.querySelector('[data-verify-drop]');
  const fromFile = file => check(root, () => badgeFromFile(file));
  input.addEventListener('change', () => input.files[0] && fromFile(input.files[0]));
  drop.addEventListener('dragover', event => {
    event.preventDefault();
    drop.classList.add('verify-drop--active');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('verify-drop--active'));
  drop.addEventListener('drop', event => {
    event.preventDefault();
    drop.classList.remove('verify-drop--active');
    const file = event.dataTransfer.files[0];
    if(file) {
      fromFile(file);
    }
  });
  const form = root.querySelector('[data-verify-url]');
  form.addEventListener('submit', event => {
    event.preventDefault();
    const value = form.querySelector('input').value.trim();
    check(root, async () => ({document: await fetchJson(value), baked: false}));
  });
}

init();
