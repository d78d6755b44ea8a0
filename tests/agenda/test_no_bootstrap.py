"""Bootstrap is gone (issue 12): no template links it, no class of its vocabulary is left in a
template, and it is not a dependency. KERN is the one design system."""

import re
import tomllib
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
TEMPLATE_DIRS = [ROOT / "templates", *ROOT.glob("*/templates")]
# Bootstrap's components and utilities that a template used before the move to KERN.
# A class is a whole word between spaces: "kern-btn" is not "btn".
BOOTSTRAP_CLASS = re.compile(
    r"(?<![\w-])(btn|btn-(?:primary|secondary|outline-[a-z]+|link|sm|lg|danger|success)|alert-(?:danger|info|"
    r"success|warning)|badge|text-bg-[a-z]+|card|card-body|card-title|navbar[a-z-]*|nav-link|"
    r"nav-item|container|container-fluid|row|col|col-(?:sm|md|lg|xl)-\d+|col-\d+|d-flex|d-none|"
    r"d-block|d-lg-block|mb-[0-5]|mt-[0-5]|my-[0-5]|py-[0-5]|px-[0-5]|gap-[1-5]|visually-hidden|"
    r"visually-hidden-focusable|text-body-secondary|form-control|form-select|form-label|"
    r"form-check|form-check-input|form-text|invalid-feedback|is-invalid|table-responsive|"
    r"table-sm|table-hover|table-striped|breadcrumb-item|page-item|page-link|list-unstyled|"
    r"list-inline|list-inline-item|text-end|fw-semibold|lead)(?![\w-])"
)
CLASS_ATTRIBUTE = re.compile(r'class="([^"]*)"')


def templates():
    for directory in TEMPLATE_DIRS:
        yield from directory.rglob("*.html")


def test_no_template_uses_bootstraps_classes():
    found = []
    for path in templates():
        if "report" in path.parts:  # the PDF has its own print styles, no screen framework
            continue
        for value in CLASS_ATTRIBUTE.findall(path.read_text(encoding="utf-8")):
            # Template logic inside a class attribute is ours; judge only the literal words.
            words = re.sub(r"{[{%].*?[%}]}", " ", value)
            for match in BOOTSTRAP_CLASS.finditer(words):
                found.append(f"{path.relative_to(ROOT)}: {match.group(0)}")
    assert found == []


def test_the_class_check_would_catch_a_bootstrap_button():
    assert BOOTSTRAP_CLASS.search("kern-flex btn btn-primary")
    assert not BOOTSTRAP_CLASS.search("kern-btn kern-btn--primary kern-row kern-col-md-6")


def test_no_template_links_bootstrap():
    for path in templates():
        assert "bootstrap" not in path.read_text(encoding="utf-8").lower(), path


def test_bootstrap_is_no_dependency_and_no_app():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = sum(project["optional-dependencies"].values(), [])
    everything = " ".join(project["dependencies"] + extras)
    assert "bootstrap" not in everything.lower()
    assert not [app for app in settings.INSTALLED_APPS if "bootstrap" in app]
    assert settings.CRISPY_TEMPLATE_PACK == "kern"
