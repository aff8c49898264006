"""The theme's fingerprinted assets: CSS bundles per page type, the JavaScript and the fonts.

Pure Python; no Pelican. The stylesheet is written as small files per layer and component in
``theme/css/`` (``base/`` and ``components/``); ``theme/css/bundles.toml`` names their cascade
order once and, per bundle (a page type), which of them it uses. A bundle is those files in
the cascade order, minified (``rcssmin``), with its ``url()`` references to the fonts replaced by
the fonts' fingerprinted names. Every asset is published as ``<stem>.<hash>.<ext>`` in one
folder (``theme/assets/``), the hash taken from the bytes published, so a changed file always
gets a new name and the old one may be cached forever. JavaScript modules import each other
by relative path; those imports are rewritten to the fingerprinted names too.

A bundle's rules for forced colours, a pointer that hovers, wider windows, the dark scheme and
reduced motion go into sheets of their own (``media.split``), linked with a ``media`` attribute
after it: ``Assets.sheets`` names, per bundle, its sheets and their media, for ``stylesheets()``
in the templates. Such a sheet is
published under its medium's name (``dark.<hash>.css``), so bundles whose dark rules are the same
share one file.

A bundle may name optional parts (``[optional]`` in ``bundles.toml``): component files that only
some pages of its type use (the prose's tables and quotes, a list of profile cards). Each
combination of them is a sheet of its own, made up front with every other part of the bundle in
the cascade order (so a page's rules keep their order), and a page links the one whose optional
parts its markup can use (``Assets.stylesheets(bundle, markup)``: the classes, element and attribute
names of the page as rendered and the classes and attributes its scripts may set; ``usage.can_apply``). The sheets for other
media stay those of the whole bundle: they wait unused while their medium does not apply.
"""

from __future__ import annotations

import hashlib
import itertools
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import rcssmin

from .fontmetrics import compact_unicode_ranges
from .fontuse import FontUse, faces
from .media import split
from .usage import can_apply, markup_classes, markup_tags, requirements, script_classes, script_tags, star_prefixes

HASH_LENGTH = 10
ASSET_SUFFIXES = (".js", ".woff2")
# url("../fonts/x.woff2"), url('x'), url(x): the reference inside
CSS_URL = re.compile(r"""url\(\s*(["']?)([^"')\s]+)\1\s*\)""")
# import ... from "./x.js";  import("./x.js");  export ... from "./x.js"
JS_IMPORT = re.compile(r"""((?:\bfrom|\bimport)\s*\(?\s*)(["'])(\./[^"'/]+\.js)\2""")


class AssetError(ValueError):
    """A theme file names something that does not exist."""


def fingerprinted(name: str, data: bytes) -> str:
    """``site.css`` + bytes -> ``site.<hash>.css`` (the hash of the bytes published)."""
    stem, dot, suffix = name.partition(".")
    digest = hashlib.sha256(data).hexdigest()[:HASH_LENGTH]
    return f"{stem}.{digest}{dot}{suffix}" if dot else f"{stem}.{digest}"


def minify_css(text: str) -> str:
    """Comments and needless whitespace removed, each ``unicode-range`` in its shortest notation; the rules
    and their order stay as they are."""
    return compact_unicode_ranges(rcssmin.cssmin(text, keep_bang_comments=False).strip()) + "\n"


@dataclass(frozen=True)
class BundleSpec:
    order: tuple[str, ...]
    bundles: dict[str, tuple[str, ...]]
    standalone: frozenset[str] = frozenset()  # bundles for another medium, loaded as they are
    # bundle -> its optional groups of parts (a group is linked when a page can use any of its parts)
    optional: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)


def load_spec(path: Path) -> BundleSpec:
    """Read ``bundles.toml``; every name must be a file of the order, every file of the folder in the order."""
    with open(path, "rb") as handle:
        data = tomllib.load(handle)
    order = tuple(data["order"]["parts"])
    folder = path.parent
    problems = []
    on_disk = {str(p.relative_to(folder).with_suffix("")).replace("\\", "/") for p in folder.rglob("*.css")}
    problems += [f"{path}: order: {name}: no file {name}.css" for name in order if name not in on_disk]
    problems += [f"{path}: order: {name}.css is in no bundle's order" for name in sorted(on_disk - set(order))]
    if len(set(order)) != len(order):
        problems.append(f"{path}: order: a part is named twice")
    lists = dict(data["bundles"])
    standalone = set(lists.pop("standalone", []))
    problems += [f"{path}: bundles.standalone: {name}: no such bundle" for name in sorted(standalone - set(lists))]
    base = tuple(lists.get("base", []))
    bundles = {}
    for name, parts in lists.items():
        unknown = [part for part in parts if part not in order]
        problems += [f"{path}: bundles.{name}: {part}: not in the order" for part in unknown]
        wanted = set(parts) | (set(base) if name != "base" and name not in standalone else set())
        bundles[name] = tuple(part for part in order if part in wanted)
    optional = {}
    listed = {name: tuple((group,) if isinstance(group, str) else tuple(group) for group in groups)
              for name, groups in data.get("optional", {}).items()}
    common = listed.pop("base", ())  # optional parts of the base: of every bundle that has the base
    for name in bundles:
        if name != "base" and name not in standalone and (common or name in listed):
            listed[name] = common + listed.get(name, ())
    for name, groups in listed.items():
        if name not in bundles or name in standalone:
            problems.append(f"{path}: optional.{name}: no such bundle")
            continue
        problems += [f"{path}: optional.{name}: {part}: not in bundles.{name}"
                     for group in groups for part in group if part not in bundles[name]]
        if len({part for group in groups for part in group}) != sum(map(len, groups)):
            problems.append(f"{path}: optional.{name}: a part is named twice")
        optional[name] = groups
    if problems:
        raise AssetError("\n".join(problems))
    return BundleSpec(order, bundles, frozenset(standalone), optional)


@dataclass
class Assets:
    """Every fingerprinted file: ``files`` (published name -> bytes) and ``names`` (logical -> published)."""

    folder: str  # output-relative folder of the published files, e.g. "theme/assets/"
    files: dict[str, bytes] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    # bundle (``css/home.css``) -> its sheets in link order: (logical name, media attribute or None)
    sheets: dict[str, tuple[tuple[str, str | None], ...]] = field(default_factory=dict)
    # bundle (``css/profile.css``) -> per optional group, what a page needs for it (usage.requirements)
    optional: dict[str, tuple[list, ...]] = field(default_factory=dict)
    # bundle -> per optional group, the font files its @font-face rules load (as the CSS names them): a
    # group of faces alone is linked when the page may use one of them (``FontUse.may_use``)
    optional_faces: dict[str, tuple[frozenset[str], ...]] = field(default_factory=dict)
    # bundle -> the attributes (``[name]``) its optional groups' selectors need
    optional_attributes: dict[str, frozenset[str]] = field(default_factory=dict)
    # published script name -> the classes (and element and attribute names) it and the scripts it imports may set
    script_words: dict[str, frozenset[str]] = field(default_factory=dict)
    # published script name -> those words as a page's tags (``usage.script_tags``), made once per script
    script_tags: dict[str, frozenset[str]] = field(default_factory=dict)
    # bundle (``css/profile.css``) -> its whole minified CSS, read for the fonts a page fetches (fontuse)
    font_css: dict[str, str] = field(default_factory=dict)
    # bundle -> its font faces and rules, read from ``font_css`` when a page of it first asks (a build
    # that renders a few pages reads a few bundles)
    fonts: dict[str, FontUse] = field(default_factory=dict)

    def add(self, logical: str, data: bytes, name: str | None = None) -> str:
        """Publish ``data`` as ``<stem>.<hash>.<ext>`` of ``name`` (default: the logical name's)."""
        published = fingerprinted(name or PurePosixPath(logical).name, data)
        self.files[published] = data
        self.names[logical] = published
        return published

    def path(self, logical: str) -> str:
        """The output-relative path of an asset by its logical name (``css/story.css``, ``js/x.js``)."""
        try:
            return self.folder + self.names[logical]
        except KeyError:
            raise AssetError(f"no theme asset {logical!r}; known: {', '.join(sorted(self.names))}") from None

    def _logical(self, bundle: str) -> str:
        """``css/<bundle>.css``, or AssetError for a bundle the theme does not have."""
        logical = f"css/{bundle}.css"
        if logical not in self.sheets:
            raise AssetError(f"no CSS bundle {bundle!r}; known: {', '.join(sorted(self.sheets))}")
        return logical

    def stylesheets(self, bundle: str, markup: str | None = None) -> tuple[tuple[str, str | None], ...]:
        """A bundle's sheets, output-relative paths with their media attribute (None: all media):
        with the page's ``markup``, the sheet with just the optional parts it can use."""
        logical = self._logical(bundle)
        sheets = self.sheets[logical]
        if markup is not None and logical in self.optional:
            sheets = ((variant_name(bundle, self.used_groups(bundle, markup)), None), *sheets[1:])
        return tuple((self.path(name), media) for name, media in sheets)

    def font_files(self, bundle: str, markup: str) -> tuple[str, ...]:
        """Output-relative paths of the font files the text of a page (its ``markup``) makes the browser
        fetch with the bundle's CSS: the ones to preload (``fontuse``)."""
        files = tuple(face.url for face in self.font_use(bundle).used(markup))
        unknown = [name for name in files if name not in self.files]
        if unknown:
            raise AssetError(f"css/{bundle}.css: @font-face src {', '.join(unknown)}: not a theme font")
        return tuple(self.folder + name for name in files)

    def font_use(self, bundle: str) -> FontUse:
        """The font faces and font rules of a bundle's CSS (``fontuse``), read when first asked for."""
        logical = self._logical(bundle)
        if logical not in self.fonts:
            self.fonts[logical] = FontUse.from_css(self.font_css[logical])
        return self.fonts[logical]

    def used_groups(self, bundle: str, markup: str) -> tuple[bool, ...]:
        """Per optional group of a bundle, whether the page's markup (and its scripts) can use it: a rule
        of it can apply, or, for a group of font faces alone, the page may use one of its faces."""
        logical = self._logical(bundle)
        # a plain str: a template's markup comes as Markup, and each character or group the scans take of
        # a Markup is a new Markup object (a sixth of this judgement's time at M)
        markup = str(markup)
        classes, tags = markup_classes(markup), markup_tags(markup, self.optional_attributes[logical])
        for name, words in self.script_words.items():
            if name in markup:
                classes |= words
                tags |= self.script_tags[name]
        prefixes = star_prefixes(classes)
        fonts: set[str] | None = None  # the faces the page may use, judged when a group asks
        used = []
        for needs, group_fonts in zip(self.optional[logical], self.optional_faces[logical], strict=True):
            flag = can_apply(needs, classes, tags, prefixes)
            if not flag and group_fonts and not needs:  # a group of font faces alone
                if fonts is None:
                    fonts = {face.url for face in self.font_use(bundle).may_use(markup)}
                flag = not group_fonts.isdisjoint(fonts)
            used.append(flag)
        return tuple(used)


def variant_name(bundle: str, used: tuple[bool, ...]) -> str:
    """The logical name of a bundle's sheet with the optional groups ``used`` (``css/profile+0110.css``)."""
    return f"css/{bundle}+{''.join('1' if flag else '0' for flag in used)}.css"


def collect(theme: Path, folder: str = "theme/assets/") -> Assets:
    """Fonts, JavaScript (imports rewritten) and the CSS bundles of a theme, fingerprinted."""
    assets = Assets(folder)
    static = theme / "static"
    for font in sorted((static / "fonts").glob("*.woff2")):
        assets.add(f"fonts/{font.name}", font.read_bytes())
    _add_scripts(assets, static / "js")
    spec = load_spec(theme / "css" / "bundles.toml")
    sources = {name: (theme / "css" / f"{name}.css").read_text(encoding="utf-8") for name in spec.order}
    rewritten = {part: _rewrite_urls(sources[part], f"{part}.css", assets, static) for part in spec.order}
    # each part's rules for the bundle's own sheet, minified and without its media-split blocks, once:
    # a combination of optional parts is these joined in the cascade order (the same bytes as
    # splitting the minified combination, in a fraction of the time; there are many combinations)
    own_rules = {part: split(minify_css(rewritten[part]))[0].strip() for part in spec.order}
    needs: dict[tuple[str, ...], list] = {}  # an optional group's requirements (usage.requirements), once
    group_faces = {group: frozenset(face.url for face in faces("\n".join(rewritten[part] for part in group)))
                   for groups in spec.optional.values() for group in groups}
    for bundle, parts in spec.bundles.items():
        text = minify_css("\n".join(rewritten[part] for part in parts))
        logical = f"css/{bundle}.css"
        assets.font_css[logical] = text
        if bundle not in spec.standalone:
            text, sheets = split(text)
        else:
            sheets = []
        assets.add(logical, text.encode("utf-8"))
        assets.sheets[logical] = ((logical, None),)
        for sheet in sheets:
            name = f"css/{bundle}-{sheet.name}.css"
            assets.add(name, sheet.css.encode("utf-8"), name=f"{sheet.name}.css")
            assets.sheets[logical] += ((name, sheet.media),)
        groups = spec.optional.get(bundle, ())
        if groups:
            for group in groups:
                if group not in needs:
                    needs[group] = requirements("\n".join(sources[part] for part in group))
            assets.optional[logical] = tuple(needs[group] for group in groups)
            assets.optional_faces[logical] = tuple(group_faces[group] for group in groups)
            assets.optional_attributes[logical] = frozenset(name for group in assets.optional[logical]
                                                            for _, tags in group for name in tags if name.startswith("["))
        for used in itertools.product((False, True), repeat=len(groups)):
            left_out = {part for group, flag in zip(groups, used, strict=True) if not flag for part in group}
            variant = "".join(own_rules[part] for part in parts if part not in left_out) + "\n"
            assets.add(variant_name(bundle, used), variant.encode("utf-8"), name=f"{bundle}.css")
    return assets


def _rewrite_urls(css: str, origin: str, assets: Assets, static: Path) -> str:
    """Fonts by their fingerprinted names; other files (``../images/x.svg``, relative to the
    published ``theme/css/`` and so to ``theme/assets/``) as they are, if they exist."""
    def replace(match: re.Match) -> str:
        reference = match.group(2)
        if reference.startswith(("data:", "#")):
            return match.group(0)
        logical = f"fonts/{PurePosixPath(reference).name}"
        if reference.startswith("../fonts/") and logical in assets.names:
            return f'url("{assets.names[logical]}")'
        if reference.startswith("../") and "/../" not in reference[2:] and (static / reference[3:]).is_file():
            return match.group(0)
        raise AssetError(f"theme/css/{origin}: url({reference}): no such file in theme/static/")

    return CSS_URL.sub(replace, css)


def _add_scripts(assets: Assets, folder: Path) -> None:
    """Each script after the scripts it imports, so that their fingerprinted names are known."""
    sources = {path.name: path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.js"))}
    done: set[str] = set()

    def add(name: str, trail: tuple[str, ...]) -> None:
        if name in done:
            return
        if name in trail:
            raise AssetError(f"theme/static/js/{name}: imports itself through {' -> '.join(trail)}")
        if name not in sources:
            raise AssetError(f"theme/static/js/{trail[-1]}: imports ./{name}, which does not exist")
        for match in JS_IMPORT.finditer(sources[name]):
            add(match.group(3)[2:], (*trail, name))
        text = JS_IMPORT.sub(lambda m: f"{m.group(1)}{m.group(2)}./{assets.names['js/' + m.group(3)[2:]]}{m.group(2)}",
                             sources[name])
        published = assets.add(f"js/{name}", text.encode("utf-8"))
        words = set(script_classes(text))
        for match in JS_IMPORT.finditer(sources[name]):
            words |= assets.script_words[assets.names["js/" + match.group(3)[2:]]]
        assets.script_words[published] = frozenset(words)
        assets.script_tags[published] = script_tags(assets.script_words[published])
        done.add(name)

    for name in sources:
        add(name, ())
