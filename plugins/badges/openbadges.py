"""Open Badges 2.0 documents with hosted verification: pure helpers, no Pelican.

Every badge object is a JSON-LD document in the ``https://w3id.org/openbadges/v2`` context, served as a
static file below ``{SITEURL}/openbadges/``:

- ``issuer.json``: the issuer Profile (the campaign);
- ``badges/{badge_id}.json``: one BadgeClass per entry of ``content/data/badges.yaml``;
- ``assertions/{slug}-{badge_id}.json``: one Assertion per awarded badge. Hosted verification means the
  file at the assertion's ``id`` is the source of truth; a withdrawn profile leaves a revoked stub there.

Recipients are identified by a salted SHA-256 hash of their e-mail address, so the public assertion does
not reveal it. The salt is derived from a build secret and the profile slug (HMAC), which keeps it stable
across builds (byte-identical output) without being guessable from public data.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

CONTEXT = "https://w3id.org/openbadges/v2"
TIMEZONE = "Europe/Amsterdam"
REVOCATION_REASON = "Het profiel is ingetrokken."
# Output paths below the site root; the URL helpers prefix them with SITEURL.
ISSUER_PATH = "openbadges/issuer.json"
SALT_LENGTH = 32


def _base(siteurl: str) -> str:
    """The site URL without a trailing slash; Open Badges ids must be absolute http(s) URLs."""
    parts = urlsplit(siteurl)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"Open Badges need an absolute http(s) SITEURL, not {siteurl!r}")
    return siteurl.rstrip("/")


def _check_name(kind: str, value: str) -> str:
    """Slugs and badge ids become file names and URL segments: no separators, nothing empty."""
    if not value or "/" in value or "\\" in value or value.strip() != value or value in (".", ".."):
        raise ValueError(f"Invalid {kind} for an Open Badges URL: {value!r}")
    return value


# --- Paths and URLs ---------------------------------------------------------------------------------------

def issuer_path() -> str:
    return ISSUER_PATH


def badge_class_path(badge_id: str, lang: str | None = None) -> str:
    """The Dutch badge class, or with ``lang`` (not nl) the same class in that language below ``badges/<lang>/``."""
    folder = "openbadges/badges" if lang in (None, "nl") else f"openbadges/badges/{_check_name('language', lang)}"
    return f"{folder}/{_check_name('badge id', badge_id)}.json"


def assertion_path(slug: str, badge_id: str) -> str:
    return f"openbadges/assertions/{_check_name('slug', slug)}-{_check_name('badge id', badge_id)}.json"


def issuer_url(siteurl: str) -> str:
    return f"{_base(siteurl)}/{issuer_path()}"


def badge_class_url(siteurl: str, badge_id: str, lang: str | None = None) -> str:
    return f"{_base(siteurl)}/{badge_class_path(badge_id, lang)}"


def in_language(badge: dict, lang: str) -> dict:
    """A badge of ``badges.yaml`` with its texts in ``lang`` (``name_en``, ``description_en``, ``criteria_en``)."""
    if lang == "nl":
        return badge
    return {**badge, **{key: badge[f"{key}_{lang}"] for key in ("name", "description", "criteria")
                        if badge.get(f"{key}_{lang}")}}


def assertion_url(siteurl: str, slug: str, badge_id: str) -> str:
    return f"{_base(siteurl)}/{assertion_path(slug, badge_id)}"


# --- Documents --------------------------------------------------------------------------------------------

def issuer_document(siteurl: str, name: str, email: str, description: str, image_url: str) -> dict:
    """The issuer Profile.

    Its verification policy only accepts hosted assertions below this site's ``openbadges/assertions/``,
    so a file elsewhere on the same host (another site on a shared domain) cannot pose as ours.
    """
    base = _base(siteurl)
    return {
        "@context": CONTEXT,
        "type": "Profile",
        "id": issuer_url(base),
        "name": name,
        "url": f"{base}/",
        "email": email,
        "description": description,
        "image": image_url,
        "verification": {"startsWith": f"{base}/openbadges/assertions/"},
    }


def _alignment(entry: dict) -> dict:
    missing = [key for key in ("target_name", "target_url") if not entry.get(key)]
    if missing:
        raise ValueError(f"Badge alignment without {', '.join(missing)}: {entry!r}")
    alignment = {"targetName": entry["target_name"], "targetUrl": entry["target_url"]}
    optional = (("framework", "targetFramework"), ("target_code", "targetCode"), ("target_description", "targetDescription"))
    for source, target in optional:
        if entry.get(source):
            alignment[target] = str(entry[source]).strip()
    return alignment


def criteria_of(badge: dict, criteria_url: str) -> dict:
    """The criteria of a badge class (``criteria``, Markdown, as narrative), after checking the fields every
    Open Badges version needs."""
    missing = [key for key in ("id", "name", "description") if not badge.get(key)]
    if missing:
        raise ValueError(f"Badge {badge.get('id', '?')!r} lacks {', '.join(missing)}")
    criteria = {"id": criteria_url}
    if str(badge.get("criteria") or "").strip():
        criteria["narrative"] = str(badge["criteria"]).strip()
    return criteria


def badge_class_document(siteurl: str, badge: dict, image_url: str, criteria_url: str, lang: str | None = None,
                         related: list[str] | None = None) -> dict:
    """A BadgeClass for one entry of ``badges.yaml``; ``criteria`` (Markdown) becomes the criteria narrative.
    With ``lang`` (not nl) it is that language's version (its own URL); ``related`` lists the addresses of the
    same class in the other languages (the 2.0 context's ``related``)."""
    criteria = criteria_of(badge, criteria_url)
    document = {
        "@context": CONTEXT,
        "type": "BadgeClass",
        "id": badge_class_url(siteurl, badge["id"], lang),
        "name": badge["name"],
        "description": str(badge["description"]).strip(),
        "image": image_url,
        "criteria": criteria,
        "issuer": issuer_url(siteurl),
    }
    alignments = [_alignment(entry) for entry in badge.get("alignments") or []]
    if alignments:
        document["alignment"] = alignments
    tags = [str(tag) for tag in badge.get("tags") or []]
    if tags:
        document["tags"] = tags
    if related:
        document["related"] = list(related)
    return document


def salt_for(secret: str, slug: str) -> str:
    """A per-recipient salt: stable across builds, not derivable without the build secret."""
    if not secret:
        raise ValueError("An Open Badges salt needs a non-empty secret")
    return hmac.new(secret.encode("utf-8"), slug.encode("utf-8"), hashlib.sha256).hexdigest()[:SALT_LENGTH]


def normalize_email(email: str) -> str:
    """The form of an e-mail address that is hashed; verifiers must hash the same form."""
    return email.strip().lower()


def hash_identity(identity: str, salt: str) -> str:
    return "sha256$" + hashlib.sha256((identity + salt).encode("utf-8")).hexdigest()


def recipient(email: str | None, fallback_url: str, secret: str, slug: str) -> dict:
    """The IdentityObject: a salted hash of the e-mail address, or else the (public) profile URL in the clear."""
    if email and email.strip():
        salt = salt_for(secret, slug)
        return {"type": "email", "hashed": True, "salt": salt, "identity": hash_identity(normalize_email(email), salt)}
    if not fallback_url:
        raise ValueError(f"Recipient {slug!r} has neither an e-mail address nor a URL")
    return {"type": "url", "hashed": False, "identity": fallback_url}


def issued_on(day: dt.date | str) -> str:
    """Midnight in Amsterdam on ``day`` as ISO 8601 with its offset, e.g. ``2026-02-01T00:00:00+01:00``."""
    if isinstance(day, str):
        day = dt.date.fromisoformat(day)
    elif isinstance(day, dt.datetime):
        day = day.date()
    return dt.datetime.combine(day, dt.time(0, 0), tzinfo=ZoneInfo(TIMEZONE)).isoformat()


def assertion_document(siteurl: str, slug: str, badge_id: str, recipient: dict, issued: str, image_url: str,
                       evidence_url: str) -> dict:
    """A hosted Assertion: its ``id`` is the URL it is served from."""
    return {
        "@context": CONTEXT,
        "type": "Assertion",
        "id": assertion_url(siteurl, slug, badge_id),
        "recipient": dict(recipient),
        "badge": badge_class_url(siteurl, badge_id),
        "verification": {"type": "hosted"},
        "issuedOn": issued,
        "image": image_url,
        "evidence": evidence_url,
    }


def revoked_document(siteurl: str, slug: str, badge_id: str, reason: str = REVOCATION_REASON) -> dict:
    """What stays at a withdrawn assertion's URL: that it is revoked and why, nothing about the person."""
    return {
        "@context": CONTEXT,
        "id": assertion_url(siteurl, slug, badge_id),
        "type": "Assertion",
        "revoked": True,
        "revocationReason": reason,
    }


def to_json(document: dict) -> str:
    """Deterministic, readable JSON (sorted keys put ``@context`` first) with a trailing newline."""
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
