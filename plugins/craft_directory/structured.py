"""JSON-LD for profiles (pure)."""

from __future__ import annotations

from .directory import Profile

VISITOR_OFFERS = {"workshop", "rondleiding"}


def schema_type(profile: Profile) -> str:
    if profile.type == "ambachtsmens":
        return "Person"
    if profile.type == "opleiding":
        return "EducationalOrganization"
    if VISITOR_OFFERS & set(profile.offers):
        return "LocalBusiness"
    return "Organization"


def profile_jsonld(profile: Profile, siteurl: str, craft_names: dict, region_names: dict,
                   image_url: str | None) -> dict:
    kind = schema_type(profile)
    data = {"@context": "https://schema.org", "@type": kind, "name": profile.name,
            "url": f"{siteurl}/{profile.url}"}
    if profile.tagline:
        data["description"] = profile.tagline
    if profile.website:
        data["sameAs"] = [profile.website]
    if profile.email:
        data["email"] = profile.email
    if image_url:
        data["image"] = image_url
    address = {"@type": "PostalAddress", "addressCountry": "NL"}
    if profile.place:
        address["addressLocality"] = profile.place
    if profile.region != "landelijk":
        address["addressRegion"] = region_names.get(profile.region, profile.region)
    crafts = [craft_names.get(c, c) for c in profile.crafts]
    if kind == "Person":
        data["homeLocation"] = {"@type": "Place", "address": address}
        if crafts:
            data["hasOccupation"] = [{"@type": "Occupation", "name": name} for name in crafts]
        if crafts or profile.skills:
            data["knowsAbout"] = crafts + profile.skills
    else:
        data["address"] = address
        if crafts or profile.skills:
            data["knowsAbout"] = crafts + profile.skills
        if profile.since:
            data["foundingDate"] = str(profile.since)
    return data
