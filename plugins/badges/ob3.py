"""Open Badges 3.0: signed OpenBadgeCredentials, the did:web issuer and its keys. Pure helpers, no Pelican.

An Open Badges 3.0 credential is a W3C Verifiable Credential (data model 2.0) with an embedded Data
Integrity proof, cryptosuite ``eddsa-rdfc-2022``: the credential and the proof options are canonicalised
with RDFC-1.0 (URDNA2015, pyld), hashed with SHA-256 and signed with Ed25519 (``cryptography``). The
issuer is a ``did:web`` derived from SITEURL; its DID document lists the public keys as ``Multikey``.

All JSON-LD contexts are bundled in ``contexts/`` (exported from pinned npm packages, see
``contexts/index.json``); :class:`ContextLoader` serves only those and fails on any other URL, so a
build never fetches anything.

Keys: an Ed25519 private key is written as a multibase ``secretKeyMultibase`` (``z`` + base58btc of the
multicodec header 0x8026 and the 32-byte seed), its public key as ``publicKeyMultibase`` (``z6Mk…``:
header 0xed01). The key id in the DID document is ``<did>#<publicKeyMultibase>``, so a new key never
reuses an old id.
"""

from __future__ import annotations

import copy
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, PublicFormat

from . import ob3_canon, openbadges

CREDENTIALS_V2 = "https://www.w3.org/ns/credentials/v2"
OB_V3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
MULTIKEY_V1 = "https://w3id.org/security/multikey/v1"
DID_V1 = "https://www.w3.org/ns/did/v1"
CONTEXTS = Path(__file__).parent / "contexts"
CRYPTOSUITE = "eddsa-rdfc-2022"
CREDENTIALS_PATH = "openbadges/v3/credentials"
STATUS_PATH = "openbadges/v3/status/revocation.json"
PUBLIC_HEADER = b"\xed\x01"
SECRET_HEADER = b"\x80\x26"
BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
# C0 controls other than tab, LF and CR, and DEL: pyld and jsonld.js canonicalise them differently
CONTROL = dict.fromkeys([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])


# --- Encoding ---------------------------------------------------------------------------------------------

def base58_encode(data: bytes) -> str:
    number = int.from_bytes(data, "big")
    text = ""
    while number:
        number, rest = divmod(number, 58)
        text = BASE58[rest] + text
    return "1" * (len(data) - len(data.lstrip(b"\x00"))) + text


def base58_decode(text: str) -> bytes:
    number = 0
    for char in text:
        if char not in BASE58:
            raise ValueError(f"Not base58btc: {char!r}")
        number = number * 58 + BASE58.index(char)
    body = number.to_bytes((number.bit_length() + 7) // 8, "big") if number else b""
    return b"\x00" * (len(text) - len(text.lstrip("1"))) + body


def _multibase(header: bytes, raw: bytes) -> str:
    return "z" + base58_encode(header + raw)


def _from_multibase(text: str, header: bytes, what: str) -> bytes:
    text = text.strip()
    if not text.startswith("z"):
        raise ValueError(f"{what} must be multibase base58btc (starting with 'z')")
    data = base58_decode(text[1:])
    if not data.startswith(header) or len(data) != len(header) + 32:
        raise ValueError(f"{what} is not an Ed25519 key (multicodec 0x{header.hex()} and 32 bytes)")
    return data[len(header):]


# --- Keys -------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class SigningKey:
    """An Ed25519 key pair; ``public`` is its ``publicKeyMultibase``."""

    private: Ed25519PrivateKey
    public: str

    @classmethod
    def generate(cls) -> SigningKey:
        return cls.from_private(Ed25519PrivateKey.generate())

    @classmethod
    def from_private(cls, private: Ed25519PrivateKey) -> SigningKey:
        raw = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        return cls(private, _multibase(PUBLIC_HEADER, raw))

    @classmethod
    def from_secret(cls, secret: str) -> SigningKey:
        """A key from its ``secretKeyMultibase`` (the format of ``BADGE_SIGNING_KEY``)."""
        seed = _from_multibase(secret, SECRET_HEADER, "BADGE_SIGNING_KEY")
        return cls.from_private(Ed25519PrivateKey.from_private_bytes(seed))

    def secret(self) -> str:
        return _multibase(SECRET_HEADER, self.private.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption()))

    def key_id(self, did: str) -> str:
        return key_id(did, self.public)


def key_id(did: str, public: str) -> str:
    return f"{did}#{public}"


def public_key(public: str) -> Ed25519PublicKey:
    return Ed25519PublicKey.from_public_bytes(_from_multibase(public, PUBLIC_HEADER, "publicKeyMultibase"))


# --- did:web ----------------------------------------------------------------------------------------------

def did_web(siteurl: str) -> str:
    """The did:web of a site: host (a port as ``%3A``), then each path segment, joined by ``:``."""
    parts = urlsplit(siteurl)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"did:web needs an absolute http(s) SITEURL, not {siteurl!r}")
    host = parts.hostname.encode("idna").decode("ascii").lower()
    if parts.port is not None:
        host += f"%3A{parts.port}"
    segments = [quote(unquote(segment), safe="") for segment in parts.path.split("/") if segment]
    return ":".join(["did", "web", host, *segments])


def did_document_path(siteurl: str) -> str:
    """Where the DID document goes below the site's output root.

    ``https://example.org`` resolves at ``/.well-known/did.json``; with a path, at ``<path>/did.json``,
    which is ``did.json`` in the site's own root."""
    return "did.json" if urlsplit(siteurl).path.strip("/") else ".well-known/did.json"


def did_url(did: str) -> str:
    """The https URL a did:web resolves to (the did:web rules; always https)."""
    parts = did.split(":")
    if parts[:2] != ["did", "web"] or len(parts) < 3:
        raise ValueError(f"Not a did:web: {did!r}")
    host = unquote(parts[2])
    path = "/".join(unquote(segment) for segment in parts[3:])
    return f"https://{host}/{path}/did.json" if path else f"https://{host}/.well-known/did.json"


def did_document(did: str, keys: list[str]) -> dict:
    """The DID document: every public key (current first, then older ones still trusted) as a Multikey."""
    if not keys:
        raise ValueError("A DID document needs at least one key")
    methods = [{"id": key_id(did, public), "type": "Multikey", "controller": did, "publicKeyMultibase": public}
               for public in dict.fromkeys(keys)]
    return {
        "@context": [DID_V1, MULTIKEY_V1],
        "id": did,
        "verificationMethod": methods,
        "assertionMethod": [method["id"] for method in methods],
    }


# --- Paths and URLs ---------------------------------------------------------------------------------------

def credential_path(slug: str, badge_id: str) -> str:
    name = openbadges.assertion_path(slug, badge_id).rsplit("/", 1)[1]  # the same name checks as 2.0
    return f"{CREDENTIALS_PATH}/{name}"


def credential_url(siteurl: str, slug: str, badge_id: str) -> str:
    return f"{openbadges._base(siteurl)}/{credential_path(slug, badge_id)}"


def status_url(siteurl: str) -> str:
    return f"{openbadges._base(siteurl)}/{STATUS_PATH}"


# --- Documents --------------------------------------------------------------------------------------------

def clean(value):
    """The document with control characters removed from every string (they canonicalise differently)."""
    if isinstance(value, str):
        return value.translate(CONTROL)
    if isinstance(value, list):
        return [clean(item) for item in value]
    if isinstance(value, dict):
        return {clean(key): clean(item) for key, item in value.items()}
    return value


def image(url: str) -> dict:
    return {"id": url, "type": "Image"}


def issuer_profile(did: str, name: str, siteurl: str, email: str, description: str, image_url: str) -> dict:
    return {
        "id": did,
        "type": ["Profile"],
        "name": name,
        "url": f"{openbadges._base(siteurl)}/",
        "email": email,
        "description": description,
        "image": image(image_url),
    }


def achievement(badge: dict, achievement_id: str, image_url: str, lang: str | None = None,
                translations: dict[str, str] | None = None) -> dict:
    """The badge class of ``badges.yaml`` as an Achievement, with its ESCO/CompetentNL alignments; with ``lang``
    its language (``inLanguage``) and, per language in ``translations`` (lang -> id), the same achievement
    in that language as ``related``, as Open Badges 3.0 provides for language versions."""
    criteria = openbadges.criteria_of(badge, achievement_id)
    document = {
        "id": achievement_id,
        "type": ["Achievement"],
        "name": badge["name"],
        "description": str(badge["description"]).strip(),
        "criteria": criteria,
        "image": image(image_url),
    }
    if lang:
        document["inLanguage"] = lang
    related = [{"id": other_id, "type": ["Related"], "inLanguage": other}
               for other, other_id in sorted((translations or {}).items())]
    if related:
        document["related"] = related
    alignments = [{"type": ["Alignment"], **openbadges._alignment(entry)} for entry in badge.get("alignments") or []]
    if alignments:
        document["alignment"] = alignments
    tags = [str(tag) for tag in badge.get("tags") or []]
    if tags:
        document["tag"] = tags
    return document


def subject(recipient: dict, achievement_document: dict) -> dict:
    """The AchievementSubject: the 2.0 recipient (a salted e-mail hash, or the profile URL) in 3.0 form."""
    document = {"type": ["AchievementSubject"]}
    if recipient.get("hashed"):
        document["identifier"] = [{
            "type": "IdentityObject",
            "hashed": True,
            "identityHash": recipient["identity"],
            "identityType": "emailAddress",
            "salt": recipient["salt"],
        }]
    elif recipient.get("type") == "url" and recipient.get("identity"):
        document["id"] = recipient["identity"]
    else:
        raise ValueError(f"A recipient is a hashed e-mail address or a URL, not {recipient!r}")
    document["achievement"] = achievement_document
    return document


def status_entry(siteurl: str, index: int) -> dict:
    url = status_url(siteurl)
    return {
        "id": f"{url}#{index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": str(index),
        "statusListCredential": url,
    }


def credential_document(siteurl: str, slug: str, badge_id: str, issuer: dict, subject_document: dict,
                        issued: str, index: int, image_url: str, evidence_url: str) -> dict:
    """An unsigned OpenBadgeCredential; :func:`sign` adds the proof."""
    name = subject_document["achievement"]["name"]
    return clean({
        "@context": [CREDENTIALS_V2, OB_V3],
        "id": credential_url(siteurl, slug, badge_id),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": name,
        "description": subject_document["achievement"]["description"],
        "image": image(image_url),
        "issuer": issuer,
        "validFrom": issued,
        "credentialSubject": subject_document,
        "credentialStatus": status_entry(siteurl, index),
        "evidence": [{"id": evidence_url, "type": ["Evidence"], "name": "Profiel in de ambachtengids"}],
    })


def status_list_document(siteurl: str, did: str, encoded_list: str, valid_from: str) -> dict:
    """The unsigned BitstringStatusListCredential; its issuer is exactly the credentials' issuer id."""
    url = status_url(siteurl)
    return {
        "@context": [CREDENTIALS_V2],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": did,
        "validFrom": valid_from,
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": encoded_list,
        },
    }


# --- Canonicalisation and signing -------------------------------------------------------------------------

class ContextLoader:
    """A pyld document loader that serves the bundled contexts and refuses everything else."""

    def __init__(self, folder: Path = CONTEXTS):
        index = json.loads((folder / "index.json").read_text(encoding="utf-8"))
        self.documents = {url: json.loads((folder / entry["file"]).read_text(encoding="utf-8"))
                          for url, entry in index.items()}

    def __call__(self, url: str, options=None) -> dict:
        from pyld.jsonld import JsonLdError

        if url not in self.documents:
            raise JsonLdError(f"The JSON-LD context {url} is not bundled (plugins/badges/contexts/); "
                              "a build never fetches one.", "jsonld.LoadDocumentError", code="loading document failed")
        # "static": pyld may keep the processed context for the rest of the build (the files never change)
        return {"contextUrl": None, "documentUrl": url, "document": copy.deepcopy(self.documents[url]), "tag": "static"}


def canonize(document: dict, loader: ContextLoader) -> str:
    """RDFC-1.0 (URDNA2015) N-Quads of ``document``, as ``jsonld.normalize`` makes them; ValueError if a term
    no context defines was dropped.

    The check of dropped terms reads the canonicalised dataset, as the template way does (``ob3_canon``). When
    pyld's N-Quads parser might not read the N-Quads (``ob3_canon.reads_back``), it parses them first, and
    fails where they do not parse, as ``jsonld.normalize`` and a check of its parsed output would. The values
    are never taken from that parse: pyld's unescape is not the inverse of its escape (a backslash and an
    ``n`` in a text come back as a line break), which would refuse a text that is signed as written."""
    from pyld import jsonld
    from pyld.jsonld import URDNA2015, JsonLdError

    try:
        dataset = ob3_canon.rdf_dataset(document, loader)
    except JsonLdError as cause:  # as jsonld.normalize reports it
        raise JsonLdError("Could not convert input to RDF dataset before normalization.",
                          "jsonld.NormalizeError") from cause
    nquads = URDNA2015().main(dataset, dict(ob3_canon.NQUADS))  # gives the dataset's blank nodes their labels
    if not ob3_canon.reads_back(dataset):
        jsonld.parse_nquads(nquads)
    _check_stated(document, ob3_canon.stated_values(dataset))
    return nquads


def canonicaliser(loader: ContextLoader) -> ob3_canon.Canonicaliser:
    """:func:`canonize` with a template per document shape (``ob3_canon``): the same N-Quads for a tenth of
    the time when many credentials are signed. Make one per build or batch: it keeps the templates."""
    return ob3_canon.Canonicaliser(loader, lambda document: canonize(document, loader), _check_stated)


def _leaves(value, key: str = ""):
    """(key, text) for every string and boolean a document states, leaving out its contexts and types."""
    if isinstance(value, dict):
        for name, item in value.items():
            if name not in ("@context", "type", "@type"):
                yield from _leaves(item, name)
    elif isinstance(value, list):
        for item in value:
            yield from _leaves(item, key)
    elif isinstance(value, bool):
        yield key, "true" if value else "false"
    elif isinstance(value, str):
        yield key, value


def _check_stated(document: dict, stated: set[str]) -> None:
    """ValueError naming each key whose text is not among ``stated``, the subjects' and objects' values of
    the canonical N-Quads."""
    # a value typed @vocab (proofPurpose) is stated as an IRI ending in it
    suffixes = {value.rsplit("#", 1)[-1] for value in stated if "#" in value}
    dropped = sorted({key for key, text in _leaves(document) if text not in stated and text not in suffixes})
    if dropped:
        raise ValueError(f"Terms that no bundled context defines would not be signed: {', '.join(dropped)}")


def _proof_options(document: dict, verification_method: str, created: str) -> dict:
    return {
        "@context": document["@context"],
        "type": "DataIntegrityProof",
        "cryptosuite": CRYPTOSUITE,
        "created": created,
        "verificationMethod": verification_method,
        "proofPurpose": "assertionMethod",
    }


def _hash_data(document: dict, options: dict, loader: ContextLoader, proofs: dict[str, bytes] | None = None,
               canon: Callable[[dict], str] | None = None) -> bytes:
    """The hash a proof signs: of the canonical proof options, then of the canonical document.

    ``proofs`` (a dict owned by the caller, e.g. for one build) keeps the options' hash by their JSON: the
    credentials of one build share their proof options but for the date, and canonicalising them costs as
    much as a credential (the same contexts). ``canon`` (:func:`canonicaliser`) canonicalises as
    :func:`canonize` does, faster for many documents of one shape."""
    canon = canon if canon is not None else (lambda value: canonize(value, loader))
    text = to_json(options)
    options_hash = proofs.get(text) if proofs is not None else None
    if options_hash is None:
        options_hash = hashlib.sha256(canon(options).encode("utf-8")).digest()
        if proofs is not None:
            proofs[text] = options_hash
    return options_hash + hashlib.sha256(canon(document).encode("utf-8")).digest()


def sign(document: dict, key: SigningKey, did: str, created: str, loader: ContextLoader,
         proofs: dict[str, bytes] | None = None, canon: Callable[[dict], str] | None = None) -> dict:
    """``document`` with an ``eddsa-rdfc-2022`` DataIntegrityProof (as a one-element list, as the
    1EdTech schema wants it) by ``key``; ``proofs`` and ``canon``: see :func:`_hash_data`."""
    unsigned = {name: value for name, value in document.items() if name != "proof"}
    options = _proof_options(unsigned, key.key_id(did), created)
    signature = key.private.sign(_hash_data(unsigned, options, loader, proofs, canon))
    proof = {name: value for name, value in options.items() if name != "@context"}
    proof["proofValue"] = "z" + base58_encode(signature)
    return {**unsigned, "proof": [proof]}


def verify(document: dict, keys: dict[str, str], loader: ContextLoader) -> bool:
    """Whether ``document``'s single proof is a valid signature by one of ``keys`` (key id -> publicKeyMultibase).

    For the build's own checks and tests; the independent verification is the Digital Bazaar stack."""
    proofs = document.get("proof")
    proofs = proofs if isinstance(proofs, list) else [proofs]
    if len(proofs) != 1 or not isinstance(proofs[0], dict) or proofs[0].get("cryptosuite") != CRYPTOSUITE:
        return False
    proof = proofs[0]
    public = keys.get(proof.get("verificationMethod", ""))
    value = str(proof.get("proofValue", ""))
    if public is None or not value.startswith("z"):
        return False
    unsigned = {name: item for name, item in document.items() if name != "proof"}
    options = {"@context": unsigned["@context"], **{k: v for k, v in proof.items() if k != "proofValue"}}
    try:
        public_key(public).verify(base58_decode(value[1:]), _hash_data(unsigned, options, loader))
    except (InvalidSignature, ValueError):
        return False
    return True


def to_json(document: dict) -> str:
    """Deterministic compact JSON (sorted keys) with a trailing newline: one credential per badge of every
    profile is hosted, so each byte counts (issue 14); the proof covers the canonical form, not the bytes."""
    return json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"
