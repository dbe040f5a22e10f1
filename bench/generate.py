"""Synthetic council sites for the build benchmark and the structure test.

`generate(root, pages)` writes a council project that lgsite builds as it is,
and that plain MkDocs + Material builds from the same Markdown:

    root/council.yml            a unitary council (so no page becomes a signpost)
    root/mkdocs.yml             lgsite + the council theme (shared: bundled)
    root/mkdocs-material.yml    plain Material, default features
    root/mkdocs-prune.yml       Material with navigation.prune
    root/docs/                  the synthetic pages (layout="docs", the default)

A council of 500 to 3,000 pages inherits the shared library's few dozen pages
and writes the rest itself, so by default the synthetic pages are the council's
own `docs/` on top of the bundled content model. `layout="shared"` writes them
as a local shared source instead (`root/library/pages/`, listed under
`shared:`), where every page must carry owner, last_reviewed and review_by:
the generator always writes them, so the same pages pass either way.

Pages take their titles, categories and LGSL numbers from the real
architecture in content-model/architecture/: each is one of three kinds for an
LGSL service (a `service` page with a Start button, a `guide`, or an
information `page`), filed under its LGNL category path
(`housing/homelessness/apply-for-….md`). Bodies have `##`/`###` headings,
bulleted and numbered lists, some tables, outbound links and 3 to 6 links to
other synthetic pages, about 400 to 600 words: roughly the size of the shared
library's own pages. Everything is seeded, so a size always gives the same
site, and the (service, kind) pairs are drawn in one fixed order: a smaller
site's pages are the first pages of a larger one, with the same mix of kinds
and categories.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import posixpath
import random
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from lgsite.frontmatter import split
from lgsite.model import ContentModel, Service, load_model
from lgsite.sources import bundled_model_dir

COUNCIL_NAME = "Benchtown Council"
SITE_URL = "https://www.benchtown.example/"
SERVICES_URL = "https://online.benchtown.example"
KINDS = ("service", "page", "guide")
# The mix of kinds, repeated every 40 pages: 23 service pages, 16 information pages
# and one guide. The shared library is 78% services, 15% pages and one guide in 87;
# lgsite publishes each part of a guide as its own page (plus a printable one), so
# guides are kept to a realistic few.
MIX = tuple("guide" if i == 19 else "page" if i % 20 in (1, 3, 5, 7, 11, 13, 15, 17) else "service" for i in range(40))
VARIANTS = {"service": 2, "page": 2, "guide": 1}  # pages of each kind one LGSL service can have
TITLE_MAX = 65
REVIEWED = dt.date(2026, 11, 20)
REVIEW_BY = dt.date(2027, 5, 20)

INTERACTIONS = {
    # first word of an LGSL label (lower case) -> the Start button's interaction and verb
    "report": ("report", "Report"), "reporting": ("report", "Report"),
    "complaints": ("report", "Report"), "pay": ("pay", "Pay"), "payment": ("pay", "Pay"),
    "book": ("book", "Book"), "booking": ("book", "Book"), "find": ("find", "Find"),
    "register": ("register", "Register"), "registration": ("register", "Register"),
    "request": ("request", "Request"), "licence": ("apply", "Apply for"),
    "licences": ("apply", "Apply for"), "permit": ("apply", "Apply for"), "permits": ("apply", "Apply for"),
}
FALLBACK_INTERACTIONS = (("apply", "Apply for"), ("request", "Request"), ("report", "Report"),
                         ("book", "Book"), ("find", "Find"), ("check", "Check"))
GUIDE_TITLES = ("{label}: a guide", "{label} explained", "Understanding {lower}", "{label}: what you need to know")
PAGE_TITLES = ("About {lower}", "{label} policy", "{label}: fees and charges", "{label}: contact and opening times")

SECTION_HEADINGS = (
    "Who can apply", "What you need", "How to apply", "What happens next", "How long it takes",
    "Costs", "If you disagree with a decision", "Get help", "When to contact us", "Your rights",
    "Eligibility", "Documents to send", "After you apply", "If your circumstances change",
    "Other ways to do this", "Deadlines", "How we use your information", "Appeals",
)
SUBHEADINGS = ("Online", "By phone", "In person", "By post", "If you are a business", "If you are a tenant")
SENTENCES = (
    "You can {task} online at any time. It usually takes about {minutes} minutes.",
    "We aim to reply within {days} working days. If your request is urgent, phone us instead.",
    "You will need your reference number, which is on any letter we have sent you.",
    "Tell us as soon as possible if anything changes, because it may affect your {lower}.",
    "Some people can get help with the cost. Check whether you qualify before you apply.",
    "If you need this information in another format, such as large print or easy read, contact us.",
    "We will write to you to confirm our decision and explain what happens next.",
    "You can ask someone to apply for you, such as a friend, a relative or an adviser.",
    "Keep a copy of everything you send us, including photos and receipts.",
    "Our customer services team can help you if you cannot use the online form.",
    "We check every application against the rules set by the government and our own policy.",
    "Most applications are decided within {weeks} weeks of us receiving everything we need.",
    "If we need more information, we will contact you and the time to decide may be longer.",
    "You may be asked to show proof of your identity and your address.",
    "There is no charge for this service for residents who receive certain benefits.",
    "Read our guidance carefully before you start, so that your application is complete.",
)
LIST_ITEMS = (
    "your name, address and postcode", "your council tax account number", "a photo of the problem",
    "proof of identity, such as a passport or driving licence", "proof of address from the last 3 months",
    "the date and time it happened", "details of anyone else who lives with you", "your bank details",
    "a plan or map showing the location", "the name of your landlord or managing agent",
    "any letters we have sent you", "evidence of your income and savings",
    "the registration number of the vehicle", "a description of what you need",
)
STEPS = (
    "Check that you are eligible.", "Gather the documents you need.", "Fill in the online form.",
    "Pay the fee, if there is one.", "Wait for us to contact you.", "Keep your reference number.",
    "Read the decision letter carefully.", "Contact us if anything is unclear.",
)
OUTBOUND = (
    ("GOV.UK", "https://www.gov.uk/"), ("Citizens Advice", "https://www.citizensadvice.org.uk/"),
    ("the Local Government and Social Care Ombudsman", "https://www.lgo.org.uk/"),
    ("the Information Commissioner's Office", "https://ico.org.uk/"),
)
TABLE_ROWS = (
    ("Standard", "£{a}", "{d} working days"), ("Fast track", "£{b}", "{e} working days"),
    ("Renewal", "£{c}", "{d} working days"), ("Change of details", "Free", "5 working days"),
    ("Replacement", "£{c}", "10 working days"), ("Appeal", "Free", "{e} weeks"),
)


@dataclass
class SyntheticPage:
    path: str  # relative to the pages folder, posix
    title: str
    kind: str
    service: Service
    category: str
    interaction: str = ""
    start_label: str = ""
    links: list[str] = field(default_factory=list)


@dataclass
class SyntheticSite:
    root: Path
    pages_dir: Path  # the folder of synthetic Markdown (docs/ or library/pages/)
    pages: list[SyntheticPage]
    layout: str

    @property
    def config(self) -> Path:
        return self.root / "mkdocs.yml"

    def material_config(self, prune: bool) -> Path:
        return self.root / ("mkdocs-prune.yml" if prune else "mkdocs-material.yml")

    @property
    def paths(self) -> list[str]:
        """Every synthetic Markdown page, index.md included."""
        return ["index.md"] + [page.path for page in self.pages]


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _fit(title: str) -> str:
    """Cut a title at a word boundary so it meets the 65-character limit."""
    if len(title) <= TITLE_MAX:
        return title
    cut = title[: TITLE_MAX + 1].rsplit(" ", 1)[0].rstrip(" ,-:/")
    return cut[:TITLE_MAX]


def _lower(label: str) -> str:
    """'Home schooling' -> 'home schooling', keeping acronyms and proper nouns' capitals."""
    first, _, rest = label.partition(" ")
    if len(first) > 1 and first[1:].islower():
        first = first.lower()
    return f"{first} {rest}".strip()


def _category_folder(model: ContentModel, category_id: str) -> str:
    chain = []
    category = model.categories[category_id]
    while True:
        chain.append(category.id)
        if category.parent is None:
            break
        category = model.categories[category.parent]
    return "/".join(reversed(chain))


def _plan(model: ContentModel, count: int, seed: int) -> list[SyntheticPage]:
    services = sorted((s for s in model.services.values() if s.category in model.categories), key=lambda s: s.lgsl)
    # Each kind draws from its own shuffled pool, in the fixed MIX pattern, so every
    # size has the same mix and a smaller site is the start of a larger one.
    pools = {kind: [(service, variant) for service in services for variant in range(VARIANTS[kind])] for kind in KINDS}
    for number, pool in enumerate(pools.values()):
        random.Random(seed + number).shuffle(pool)
    limit = min(len(pool) * len(MIX) // MIX.count(kind) for kind, pool in pools.items())
    if count > limit:
        raise ValueError(f"at most {limit} synthetic pages")
    drawn = {kind: 0 for kind in KINDS}
    pages: list[SyntheticPage] = []
    taken: set[str] = set()
    titles: set[str] = set()
    for index in range(count):
        kind = MIX[index % len(MIX)]
        service, variant = pools[kind][drawn[kind]]
        drawn[kind] += 1
        rng = random.Random(f"{seed}:{service.lgsl}:{kind}:{variant}")
        label, lower = service.label.strip(), _lower(service.label.strip())
        interaction, start_label = "", ""
        if kind == "service":
            first = lower.split(" ", 1)[0].strip(",")
            choices = list(FALLBACK_INTERACTIONS)
            rng.shuffle(choices)
            if first in INTERACTIONS:  # "Report a …" is a report; its second page is another interaction
                choices = [INTERACTIONS[first]] + [c for c in choices if c[0] != INTERACTIONS[first][0]]
            for interaction, verb in choices[variant:]:
                title = label if (interaction, verb) == INTERACTIONS.get(first) else f"{verb} {lower}"
                if _fit(title[0].upper() + title[1:]) not in titles:
                    break
            start_label = _fit(title)
        else:
            options = list(GUIDE_TITLES if kind == "guide" else PAGE_TITLES)
            rng.shuffle(options)
            title = options[variant].format(label=label, lower=lower)
        title = _fit(title[0].upper() + title[1:])
        titles.add(title)
        folder = _category_folder(model, service.category)
        slug = slugify(title)[:80].strip("-")
        path = f"{folder}/{slug}.md"
        number = 2
        while path in taken:
            path = f"{folder}/{slug}-{number}.md"
            number += 1
        taken.add(path)
        pages.append(SyntheticPage(path, title, kind, service, service.category, interaction, start_label))
    by_category: dict[str, list[SyntheticPage]] = {}
    for page in pages:
        by_category.setdefault(page.category, []).append(page)
    rng = random.Random(seed)
    for page in pages:
        siblings = [p.path for p in by_category[page.category] if p is not page]
        near = rng.sample(siblings, min(len(siblings), rng.randint(1, 3)))
        others = [p.path for p in rng.sample(pages, min(len(pages), 4)) if p is not page and p.path not in near]
        page.links = (near + others)[: rng.randint(3, 6)]
    return pages


def _relative(source: str, target: str) -> str:
    return posixpath.relpath(target, posixpath.dirname(source) or ".")


def _body(page: SyntheticPage, titles: dict[str, str], rng: random.Random) -> str:
    label, lower = page.service.label.strip(), _lower(page.service.label.strip())
    task = _lower(page.start_label) if page.start_label else f"find out about {lower}"
    fill = {"label": label, "lower": lower, "task": task, "minutes": rng.choice((5, 10, 15, 20)),
            "days": rng.choice((3, 5, 10)), "weeks": rng.choice((2, 4, 6, 8))}

    def sentences(n: int) -> str:
        return " ".join(s.format(**fill) for s in rng.sample(SENTENCES, n))

    links = iter(page.links)
    out = [sentences(2), ""]
    headings = rng.sample(SECTION_HEADINGS, 5 if page.kind == "guide" else 4)
    for number, heading in enumerate(headings):
        mark = ["<!-- part -->"] if page.kind == "guide" else []  # a guide is split only where a part is marked
        out += [*mark, f"## {heading}", "", sentences(rng.randint(2, 3)), ""]
        shape = (number + rng.randint(0, 3)) % 4
        if shape == 0:
            out += [f"- {item}" for item in rng.sample(LIST_ITEMS, rng.randint(3, 5))] + [""]
        elif shape == 1:
            out += [f"{i}. {step}" for i, step in enumerate(rng.sample(STEPS, rng.randint(3, 5)), 1)] + [""]
        elif shape == 2:
            money = {"a": rng.randint(20, 90), "b": rng.randint(90, 200), "c": rng.randint(10, 40),
                     "d": rng.randint(5, 15), "e": rng.randint(2, 8)}
            out += ["| Type | Fee | How long it takes |", "| --- | --- | --- |"]
            out += [f"| {a} | {b.format(**money)} | {c.format(**money)} |" for a, b, c in rng.sample(TABLE_ROWS, 4)]
            out += [""]
        else:
            sub = rng.sample(SUBHEADINGS, 2)
            out += [f"### {sub[0]}", "", sentences(1), "", f"### {sub[1]}", "", sentences(1), ""]
        target = next(links, None)
        if target is not None:
            out += [f"Read more: [{titles[target]}]({_relative(page.path, target)}).", ""]
    rest = list(links)
    if rest:
        out += ["## Related pages", ""] + [f"- [{titles[t]}]({_relative(page.path, t)})" for t in rest] + [""]
    name, url = rng.choice(OUTBOUND)
    out += [f"You can also get advice from [{name}]({url}).", ""]
    return "\n".join(out)


def _front_matter(page: SyntheticPage) -> dict[str, Any]:
    description = f"{page.title}: who it is for, what you need, how to do it and what happens next."
    meta: dict[str, Any] = {
        "title": page.title,
        "description": description[:160],
        "type": page.kind,
        "category": page.category,
        "lgsl": page.service.lgsl,
        "owner": f"{page.service.label.split(' ', 1)[0].strip(',')} team"[:60],
        "last_reviewed": REVIEWED,
        "review_by": REVIEW_BY,
    }
    if page.kind == "service":
        meta["start"] = {"interaction": page.interaction, "label": page.start_label}
    return meta


def _write_page(path: Path, meta: dict[str, Any], body: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    head = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, default_flow_style=False)
    path.write_text(f"---\n{head}---\n\n{body}", encoding="utf-8")


def _bundled_links() -> dict[int, set[str]]:
    """Every Start button and link() the bundled pages have, so the council gives them all."""
    wanted: dict[int, set[str]] = {}
    for file in sorted((bundled_model_dir() / "pages").rglob("*.md")):
        text = file.read_text(encoding="utf-8")
        meta = split(text, str(file)).data
        start, lgsl = meta.get("start"), meta.get("lgsl")
        if isinstance(start, dict) and isinstance(lgsl, int) and "url" not in start:
            wanted.setdefault(lgsl, set()).add(str(start.get("interaction")))
        for number, interaction in re.findall(r"link\(\s*(\d+)\s*,\s*[\"'](\w+)[\"']", text):
            wanted.setdefault(int(number), set()).add(interaction)
    return wanted


def _council(pages: list[SyntheticPage]) -> dict[str, Any]:
    wanted = _bundled_links()
    for page in pages:
        if page.kind == "service":
            wanted.setdefault(page.service.lgsl, set()).add(page.interaction)
    links = {lgsl: {i: f"{SERVICES_URL}/{i}/{lgsl}" for i in sorted(interactions)}
             for lgsl, interactions in sorted(wanted.items())}
    return {
        "name": COUNCIL_NAME,
        "tier": "unitary",
        "country": "england",
        "url": SITE_URL,
        "contact": {"phone": "01632 960 500", "email": "contact@benchtown.example",
                    "address": "Benchtown Council, Town Hall, Market Street, Benchtown BT1 1AA"},
        "brand": {"colour": "#1d4f91"},
        "links": links,
    }


def generate(root: Path, pages: int, *, seed: int = 2026, layout: str = "docs") -> SyntheticSite:
    """Write a synthetic council of `pages` Markdown pages (its home page included) under `root`."""
    if layout not in ("docs", "shared"):
        raise ValueError("layout is 'docs' or 'shared'")
    if pages < 2:
        raise ValueError("a synthetic site has a home page and at least one other page")
    model = load_model(bundled_model_dir())
    plan = _plan(model, pages - 1, seed)
    if root.exists():
        shutil.rmtree(root)
    pages_dir = root / ("docs" if layout == "docs" else "library/pages")
    titles = {page.path: page.title for page in plan}
    for page in plan:
        rng = random.Random(f"{seed}:{page.path}")
        _write_page(pages_dir / page.path, _front_matter(page), _body(page, titles, rng))
    tasks = [page.path for page in plan if page.kind == "service"][:8]
    home = {"title": "Home", "description": f"Find {COUNCIL_NAME} services, pay, apply and report online.",
            "type": "home", "owner": "Web team", "last_reviewed": REVIEWED, "review_by": REVIEW_BY,
            "top_tasks": tasks}
    intro = ["Welcome to Benchtown Council. Most things you need can be done online.", "",
             *[f"- [{titles[t]}]({t})" for t in tasks], ""]
    _write_page(pages_dir / "index.md", home, "\n".join(intro))
    (root / "council.yml").write_text(yaml.safe_dump(_council(plan), sort_keys=False), encoding="utf-8")
    docs_dir = os.path.relpath(pages_dir, root)
    shared = ["bundled"] + (["library"] if layout == "shared" else [])
    if layout == "shared":
        (root / "docs").mkdir(exist_ok=True)
    common = {"site_name": COUNCIL_NAME, "site_url": SITE_URL, "site_description": f"Council services for {COUNCIL_NAME}"}
    lgsite = {**common, "theme": {"name": "council"}, "plugins": [{"lgsite": {"shared": shared}}, "search"]}
    (root / "mkdocs.yml").write_text(yaml.safe_dump(lgsite, sort_keys=False), encoding="utf-8")
    for name, features in (("mkdocs-material.yml", []), ("mkdocs-prune.yml", ["navigation.prune"])):
        theme: dict[str, Any] = {"name": "material"}
        if features:
            theme["features"] = features
        config = {**common, "docs_dir": docs_dir, "theme": theme, "plugins": ["search"]}
        (root / name).write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return SyntheticSite(root, pages_dir, plan, layout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("pages", type=int)
    parser.add_argument("--layout", choices=("docs", "shared"), default="docs")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    site = generate(args.root, args.pages, seed=args.seed, layout=args.layout)
    print(f"{len(site.paths)} pages in {site.pages_dir}")


if __name__ == "__main__":
    main()
