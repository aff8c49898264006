from content_model.check import content_kinds
from web_editor.decap import config

CATALOG = {"crafts": {"smeden": "Smeden", "weven": "Weven"}, "regions": {"utrecht": "Utrecht"}}


def site_config():
    return config(content_kinds(), CATALOG, "org/repo", "main", "https://example.test")


def by_name(items):
    return {item["name"]: item for item in items}


def test_backend_workflow_and_media():
    data = site_config()
    assert data["backend"]["name"] == "github" and data["backend"]["repo"] == "org/repo"
    assert data["publish_mode"] == "editorial_workflow"
    assert data["media_folder"] == "content/images" and data["public_folder"] == "images"
    assert data["locale"] == "nl"


def test_collections_follow_the_schemas():
    collections = by_name(site_config()["collections"])
    assert set(collections) == {"stories", "events", "pages", "pages_en", "profiles"}
    for collection in collections.values():
        kind = {"stories": "story", "events": "event", "pages": "page", "pages_en": "page",
                "profiles": "profile"}[collection["name"]]
        schema = content_kinds()[kind]
        names = [f["name"] for f in collection["fields"] if f["name"] != "body"]
        # a Dutch page translates nothing: only the English collection has the translation field
        assert names == [n for n in schema["properties"] if n != "translation" or collection["name"] == "pages_en"]
        for field in collection["fields"]:
            if field["name"] in schema.get("required", []):
                assert field["required"] is True, (kind, field["name"])
    assert collections["profiles"]["format"] == "yaml" and collections["profiles"]["extension"] == "yaml"
    assert collections["stories"]["format"] == "yaml-frontmatter"
    assert by_name(collections["stories"]["fields"])["body"]["widget"] == "markdown"


def test_widgets_and_options_come_from_data():
    stories = by_name(by_name(site_config()["collections"])["stories"]["fields"])
    assert stories["crafts"]["widget"] == "select" and stories["crafts"]["multiple"] is True
    assert stories["crafts"]["options"] == [{"label": "Smeden", "value": "smeden"}, {"label": "Weven", "value": "weven"}]
    assert stories["image"]["widget"] == "image"
    assert stories["date"]["widget"] == "datetime"
    assert stories["image_alt"]["required"] is False  # required only with an image; make check enforces it
    profiles = by_name(by_name(site_config()["collections"])["profiles"]["fields"])
    assert [o["value"] for o in profiles["type"]["options"]][:2] == ["ambachtsmens", "leerbedrijf"]
    assert profiles["type"]["options"][0]["label"] == "Ambachtsmens"
    consent = by_name(profiles["consent"]["fields"])
    assert consent["scope"]["options"][3]["value"] == "open-data" and consent["scope"]["required"] is True
    assert profiles["since"]["widget"] == "number" and profiles["since"]["value_type"] == "int"
    assert profiles["contact_public"]["widget"] == "boolean"
    assert profiles["bio"]["widget"] == "markdown"


def test_reference_data_files_get_a_form_from_their_schema():
    from content_model.check import data_kinds

    result = config(content_kinds(), CATALOG, "org/repo", "main", "https://example.test", data_kinds())
    settings = next(c for c in result["collections"] if c["name"] == "instellingen")
    badges = next(f for f in settings["files"] if f["name"] == "badges")
    assert badges["file"] == "content/data/badges.yaml"
    classes = next(f for f in badges["fields"] if f["name"] == "badges")
    assert classes["widget"] == "list" and classes["summary"] == "{{fields.id}}"
    nested = {f["name"]: f for f in classes["fields"]}
    assert set(nested) == set(data_kinds()["badges"]["properties"]["badges"]["items"]["properties"])
    assert nested["criteria"]["widget"] == "markdown" and nested["criteria"]["required"] is True
    assert nested["colour"]["widget"] == "select"
    alignment = {f["name"]: f for f in nested["alignments"]["fields"]}
    assert alignment["target_url"]["required"] is True and "pattern" in alignment["target_url"]


def test_english_pages_have_a_collection_of_their_own_with_the_language_fixed():
    collections = by_name(site_config()["collections"])
    english, dutch = collections["pages_en"], collections["pages"]
    assert english["folder"] == "content/pages/en" and dutch["folder"] == "content/pages"
    assert by_name(english["fields"])["lang"] == {"name": "lang", "label": "Taal", "widget": "hidden", "default": "en"}
    assert by_name(dutch["fields"])["lang"]["default"] == "nl"
    translation = by_name(english["fields"])["translation"]
    assert translation["required"] is False and translation["pattern"][0] == "^[a-z0-9]+(-[a-z0-9]+)*$"
    assert "Engels" in english["label"]


def test_production_backend_comes_from_the_settings():
    import pytest
    from web_editor.decap import backend

    github = backend("github", "org/repo", "main", "https://auth.example.test/", "/oauth/")
    assert github["name"] == "github" and github["repo"] == "org/repo" and github["branch"] == "main"
    assert github["base_url"] == "https://auth.example.test" and github["auth_endpoint"] == "oauth"
    assert "base_url" not in backend("github", "org/repo", "main")  # then Decap asks Netlify: only for Netlify hosting
    gateway = backend("git-gateway", "org/repo", "redactie")
    assert gateway["name"] == "git-gateway" and gateway["branch"] == "redactie" and "repo" not in gateway
    assert backend("test-repo", "org/repo", "main") == {"name": "test-repo"}
    with pytest.raises(ValueError, match="onbekende backend 'gitlab'"):
        backend("gitlab", "org/repo", "main")


def test_local_backend_and_logo_are_only_there_when_asked_for():
    from web_editor.decap import backend

    local = config(content_kinds(), CATALOG, "org/repo", "main", "http://localhost:8000",
                   backend_config=backend("github", "org/repo", "main", "https://auth.example.test"),
                   local_backend="http://127.0.0.1:8781/api/v1", logo_url="http://localhost:8000/theme/images/logo.svg")
    assert local["local_backend"] == {"url": "http://127.0.0.1:8781/api/v1"}
    assert local["logo"] == {"src": "http://localhost:8000/theme/images/logo.svg", "show_in_header": True}
    assert local["backend"]["base_url"] == "https://auth.example.test" and local["locale"] == "nl"
    assert "local_backend" not in site_config() and "logo" not in site_config()


def test_publish_settings_never_name_a_local_backend():
    from conftest import ROOT
    from pelican.settings import read_settings

    assert read_settings(str(ROOT / "publishconf.py"))["ADMIN_LOCAL_BACKEND"] == ""
    development = read_settings(str(ROOT / "pelicanconf.py"))
    assert development["ADMIN_LOCAL_BACKEND"] == f"http://127.0.0.1:{development['EDITOR_PORT']}/api/v1"
    assert development["ADMIN_LOGO"] == "theme/images/logo.svg"
