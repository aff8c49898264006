"""Open Badges 3.0 output of a build: the signing key, the DID document, the signed credentials, the
revocation list. The kit page bakes a credential into a badge image in the browser (badge-kit.js, as
``baking.py`` does), so no baked image is hosted. Called by the badges generator; no Pelican import.

The signing key (``BADGE_SIGNING_KEY``, a ``secretKeyMultibase``; ``make keygen`` makes one):

- set: every credential and the status list are signed with it;
- not set, development build: a key of this machine in ``BADGE_DEV_KEY_PATH`` (made once), and one log line
  says so; its badges verify against the DID document of that build only;
- not set, publish build (``BADGE_SIGNING_KEY_REQUIRED``): a warning, and Open Badges 3.0 are left out. A
  publish build never signs with the development key either.

Signing is cached: a credential is signed again only when its unsigned text or the key changes.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import yaml
from infra.files import atomic_write
from infra.sequences import batches
from nl_format.clock import now
from responsive_images.pipeline import start_map

from . import ob3, ob3_canon, statuslist

logger = logging.getLogger(__name__)

SIGN_BATCH = 64  # credentials per task on the workers

REGISTRY_HEADER = """\
Vaste posities van de Open Badges 3.0 in de intrekkingslijst (/openbadges/v3/status/revocation.json).
Deze lijst groeit alleen: verwijder of wijzig nooit een regel, anders wijst een uitgegeven badge naar de
positie van iemand anders. Nieuwe regels schrijft `make badge-status` (zie docs/openbadges3.md)."""


@dataclass(frozen=True)
class Signer:
    """The key of this build, the issuer's DID and every public key its DID document lists."""

    key: ob3.SigningKey
    did: str
    keys: tuple[str, ...]


def signer(settings: dict) -> Signer | None:
    """The build's signer, or None when Open Badges 3.0 are left out (a warning or error says why)."""
    siteurl = settings["SITEURL"]
    secret = str(settings.get("BADGE_SIGNING_KEY") or "").strip()
    dev_path = Path(settings.get("BADGE_DEV_KEY_PATH") or ".cache/badge-signing-dev-key")
    publish = bool(settings.get("BADGE_SIGNING_KEY_REQUIRED"))
    if secret:
        try:
            key = ob3.SigningKey.from_secret(secret)
        except ValueError as error:
            logger.error("pelicanconf.py:1:1: BADGE_SIGNING_KEY: %s (maak een sleutel met `make keygen`)", error)
            return None
        if publish and dev_path.exists() and dev_path.read_text(encoding="ascii").strip() == key.secret():
            logger.error("publishconf.py:1:1: BADGE_SIGNING_KEY: dit is de ontwikkelsleutel uit %s; "
                         "publiceer nooit met een bekende sleutel", dev_path)
            return None
    elif publish:
        logger.warning("publishconf.py:1:1: BADGE_SIGNING_KEY: niet gezet; Open Badges 3.0 blijven weg uit deze "
                       "build (zet de sleutel uit `make keygen` als geheim in de CI)")
        return None
    else:
        key = _dev_key(dev_path)
        logger.warning("Open Badges 3.0: ondertekend met de ontwikkelsleutel van deze machine (%s), niet voor publicatie",
                    dev_path)
    previous = [str(public).strip() for public in settings.get("BADGE_PREVIOUS_KEYS") or []]
    for public in previous:
        try:
            ob3.public_key(public)
        except ValueError as error:
            logger.error("pelicanconf.py:1:1: BADGE_PREVIOUS_KEYS: %s: %s", public, error)
            return None
    return Signer(key, ob3.did_web(siteurl), tuple(dict.fromkeys([key.public, *previous])))


def _dev_key(path: Path) -> ob3.SigningKey:
    """This machine's development key, made once (readable by the owner only)."""
    if path.exists():
        return ob3.SigningKey.from_secret(path.read_text(encoding="ascii"))
    key = ob3.SigningKey.generate()
    # readable by the owner only; the first of two parallel builds wins, and both then use its key
    atomic_write(path, key.secret() + "\n", mode=0o600, replace=False)
    return ob3.SigningKey.from_secret(path.read_text(encoding="ascii"))


def load_registry(path: Path) -> dict[str, int]:
    """The pinned status list positions (``content/data/badge-status.yaml``); empty when there is none."""
    if not path.exists():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{path}:1:1: badge-status: een lijst van \"profiel/badge\": positie verwacht")
    return data


@dataclass
class Signing:
    """The Open Badges 3.0 of one build: planned, and being signed on the build's workers (``start``)."""

    sign: Signer
    credentials: list[tuple[str, tuple, dict, str]]  # path, cache inputs, unsigned document, issue date
    positions: dict[str, int]  # status list position by status key
    current: set[str]  # the status keys of the badges issued in this build
    links: dict[str, dict[str, dict[str, str]]]
    wait: Callable[[], object]


def start(generator, settings: dict, sign: Signer, kits: dict, revoked: list[tuple[str, str]], shared=None) -> Signing:
    """Plan the credentials, and start signing those the badge cache lacks, in batches on the build's
    ``shared`` workers (each batch expands each shape once), while the build goes on.

    ``generator`` provides ``cache_source(inputs)`` and ``cache`` (the badge cache)."""
    siteurl = settings["SITEURL"]
    registry_path = Path(settings["PATH"]) / "data" / "badge-status.yaml"
    registry = load_registry(registry_path)
    issued = [(slug, entry.badge["id"]) for slug, kit in kits.items() for entry in kit.badges]
    positions = statuslist.assign(registry, [statuslist.status_key(*pair) for pair in issued + list(revoked)])
    new = statuslist.unpinned(registry, positions)
    if new:
        proposal = generator.cache / "badge-status.yaml"
        text = statuslist.registry_text({**registry, **new}, REGISTRY_HEADER)
        atomic_write(proposal, text)
        logger.info("Open Badges 3.0: %s posities in de intrekkingslijst nog niet vastgelegd; `make badge-status` "
                    "zet ze in %s", len(new), registry_path)

    issuer = ob3.issuer_profile(sign.did, settings["SITENAME"], siteurl, settings["SITE_EMAIL"],
                                settings["SITE_DESCRIPTION"], f"{siteurl}/{settings['SHARE_IMAGE_SQUARE']}")
    links: dict = {}
    credentials = []
    for slug, kit in kits.items():
        for entry in kit.badges:
            badge_id = entry.badge["id"]
            badge_image = f"{siteurl}/openbadges/badges/{badge_id}-vierkant-400-licht.png"
            achievement = ob3.achievement(entry.badge, f"{siteurl}/{settings['BADGES_URL']}#badge-{badge_id}",
                                          badge_image, lang=settings["DEFAULT_LANG"],
                                          translations=badge_translations(entry.badge, siteurl, settings))
            unsigned = ob3.credential_document(
                siteurl, slug, badge_id, issuer, ob3.subject(kit.recipient, achievement), kit.issued,
                positions[statuslist.status_key(slug, badge_id)], badge_image, f"{siteurl}/{kit.profile.url}")
            inputs = ("ob3-credential", ob3.to_json(unsigned), sign.key.public, sign.did)
            credentials.append((ob3.credential_path(slug, badge_id), inputs, unsigned, kit.issued))
            links.setdefault(slug, {})[badge_id] = {"json": f"{siteurl}/{ob3.credential_path(slug, badge_id)}"}
    sources = [(generator.cache_source(inputs), unsigned, created) for _, inputs, unsigned, created in credentials]
    missing = {source.name: (unsigned, created) for source, unsigned, created in sources if not source.exists()}
    # by shape (badge class, kind of recipient), then issue date: a batch expands each shape of credential
    # once (ob3_canon) and canonicalises its proof options once per date
    names = sorted(missing, key=lambda name: (*_shape(missing[name][0]), missing[name][1], name))
    jobs = [([(missing[name][0], missing[name][1], name) for name in batch], sign.key.secret(), sign.did,
             str(generator.cache)) for batch in batches(names, SIGN_BATCH)]
    return Signing(sign, credentials, positions, {statuslist.status_key(*pair) for pair in issued}, links,
                   start_map(_sign_batch, jobs, shared))


def write(generator, settings: dict, signing: Signing) -> dict:
    """Wait for the signing; write the DID document, the credentials and the status list.

    ``generator`` provides ``cached(target, inputs, make)``. Returns, per profile slug, per badge id,
    the URL of its credential (``{"json": url}``)."""
    sign, siteurl = signing.sign, settings["SITEURL"]
    signing.wait()
    loader = ob3.ContextLoader()
    canon = ob3.canonicaliser(loader)
    did_path = ob3.did_document_path(siteurl)
    generator.cached(did_path, ("ob3-did", sign.did, sign.keys),
                     lambda: ob3.to_json(ob3.did_document(sign.did, list(sign.keys))).encode())
    for path, inputs, unsigned, created in signing.credentials:
        generator.cached(path, inputs, partial(_signed, unsigned, sign, created, loader, {}, canon))
    withdrawn = sorted(index for key, index in signing.positions.items() if key not in signing.current)
    moment = now().replace(microsecond=0).isoformat()
    status = ob3.status_list_document(siteurl, sign.did, statuslist.encode(withdrawn), moment)
    generator.cached(ob3.STATUS_PATH, ("ob3-status", ob3.to_json(status), sign.key.public, sign.did),
                     lambda: ob3.to_json(ob3.sign(status, sign.key, sign.did, moment, loader)).encode())
    return signing.links


def _shape(unsigned: dict) -> tuple[str, bool]:
    """What sets a credential's shape apart in a build: its achievement and whether its recipient is a URL."""
    subject = unsigned["credentialSubject"]
    return subject["achievement"]["id"], "id" in subject


def _signed(unsigned: dict, sign: Signer, created: str, loader: ob3.ContextLoader, proofs: dict,
            canon: ob3_canon.Canonicaliser) -> bytes:
    return ob3.to_json(ob3.sign(unsigned, sign.key, sign.did, created, loader, proofs, canon)).encode()


def _sign_batch(job: tuple[list[tuple[dict, str, str]], str, str, str]) -> int:
    """Sign ``(unsigned, issue date, cache file name)`` items into the cache, in a worker process."""
    items, secret, did, cache_dir = job
    sign = Signer(ob3.SigningKey.from_secret(secret), did, ())
    loader, proofs = ob3.ContextLoader(), {}  # the proof options of one date are canonicalised once per batch
    canon = ob3.canonicaliser(loader)  # and each shape of credential expanded once per batch
    for unsigned, created, name in items:
        atomic_write(Path(cache_dir) / name, _signed(unsigned, sign, created, loader, proofs, canon))
    return len(items)


def badge_translations(badge: dict, siteurl: str, settings: dict) -> dict[str, str]:
    """lang -> the address of a badge class's description in that language (``/en/badges/#badge-<id>``),
    for every language it has a name in (``name_en``)."""
    return {lang: f"{siteurl}/{lang}/badges/#badge-{badge['id']}"
            for lang in settings.get("BADGE_LANGUAGES", ()) if badge.get(f"name_{lang}")}
