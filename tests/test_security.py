"""Article text can never act on the published site.

Every place text reaches a page is checked: bodies, headings, captions, summaries, key
figure tables, list pages, front matter (title, author, outlet, source) read by the theme,
and titles in <title>, the header and the navigation. Pages are rendered through
Python-Markdown with the site's own extensions, then the HTML is parsed: only the tags
and attributes our templates make may appear. Hypothesis feeds arbitrary and hostile text
to every stage; a browser opens a site built from hostile articles and checks nothing ran.
"""
from __future__ import annotations

import json
import string
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import frontmatter
import markdown
import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from mkdocs.utils import meta as mkdocs_meta

from conftest import ROOT, build_site
from directive_digest import build
from directive_digest.article import Article
from directive_digest.build import understand
from directive_digest.group import assign_slug, group_articles
from directive_digest.readers import InputError
from directive_digest.registry import load_registry
from directive_digest.render import render_pages
from directive_digest.site import dialect as digest_dialect
from directive_digest.site.fragments import include_fragments

REGISTRY = load_registry()
SECRET = "SECRET-SNIPPET-CONTENT"

# Markup an attacker (or a careless scraper) might put into an article.
HOSTILE = [
    "<script>window.__pwned='script'</script>",
    "<img src=x onerror=\"window.__pwned='img'\">",
    "<svg onload=\"window.__pwned='svg'\"></svg>",
    "<a href=\"javascript:window.__pwned='a'\">bấm</a>",
    "[bấm vào đây](javascript:window.__pwned='mdlink')",
    "<javascript:window.__pwned='autolink'>",
    "<https://evil.example/x>",
    "![ảnh](x \"onerror=window.__pwned='mdimg'\")",
    "<!-- chú thích chưa đóng",
    "<![CDATA[ x ]]>",
    "<style>body{display:none}</style>",
    "<iframe src=\"javascript:parent.__pwned='iframe'\"></iframe>",
    "{: onclick=\"window.__pwned='attr'\" }",
    "{ .caption onclick=\"window.__pwned='attr2'\" }",
    "*nhấn*{: onmouseover=\"window.__pwned='attr3'\" }",
    "{{ config.site_name }}",
    "{% include 'base.html' %}",
    "{# ghi chú #}",
    f"--8<-- \"secret.txt\"",
    f";--8<-- \"secret.txt\"",
    "&lt;script&gt;window.__pwned='entity'&lt;/script&gt;",
    "&#60;script&#62;",
    "| a | b |\n|---|---|\n| <b>c</b> | d |",
    "!!! danger \"Cảnh báo\"",
    "---",
    "***",
    "1. danh sách",
    "- gạch đầu dòng",
    "> trích dẫn",
    "# tiêu đề giả",
    "    khối mã thụt lề",
    "```\nmã\n```",
    "`mã`",
    "<div markdown=\"1\">*x*</div>",
    "\\",
    "</title><script>window.__pwned='title'</script>",
    "\"'><img src=x onerror=window.__pwned='quote'>",
    "null", "true", "~", "2021-05-20", "1e3", "0x10", "- a", "? b", ": c", "&anchor", "*alias", "!!python/object:os.system",
    "%YAML 1.2", "@at", "`tick`", "#comment", "'", '"', "|", ">",
    "\u2028", "\u2029", "\x85", "\ufeff", "\u200b", "\u00a0",
    "Đảng ủy", "Chỉ thị 05-CT/TW", "năm 2021", "ngày 20/5/2021", "300 đảng viên", "Ảnh: Phương Thúy",
]
HEADLINE = "Hội nghị sơ kết Chỉ thị 05-CT/TW tại Đảng bộ Khối"
SENTENCE = "Sáng 20/5/2021, Đảng ủy Khối tổ chức hội nghị sơ kết với 300 đảng viên tham dự."

# What our templates put into a page body; anything else came from the input.
ALLOWED_TAGS = {"h1", "h2", "h3", "p", "div", "ul", "li", "em", "strong", "table", "thead", "tbody", "tr", "th",
                "td", "a", "br",
                # charts.py: inline SVG bar charts (labels escaped there)
                "figure", "figcaption", "svg", "title", "desc", "line", "g", "rect", "text"}
ALLOWED_ATTRS = {"id", "class", "href", "title",
                 "xmlns", "role", "aria-labelledby", "viewbox", "width", "height", "x", "y", "x1", "y1", "x2", "y2",
                 "text-anchor"}


class Tags(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list]] = []
        self.comments: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    handle_startendtag = handle_starttag

    def handle_comment(self, data):
        self.comments.append(data)

    def handle_data(self, data):
        self.text.append(data)


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml with its tags (!ENV, !relative, !!python/name) read as plain values."""


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def site_markdown(snippets_dir: Path, dialect: bool = False) -> markdown.Markdown:
    """Python-Markdown configured as mkdocs.yml configures it (snippets read from a test folder);
    ``dialect``: as the site configures it for the digest's own pages (site/dialect.py)."""
    site = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader)
    extensions, configs = [], {}
    for item in site["markdown_extensions"]:
        name, options = next(iter(item.items())) if isinstance(item, dict) else (item, {})
        if name == "pymdownx.snippets":
            options = {**options, "base_path": [str(snippets_dir)], "check_paths": False}
        extensions.append(name)
        configs[name] = options or {}
    md = markdown.Markdown(extensions=extensions, extension_configs=configs)
    if dialect:
        digest_dialect.restrict(md)
    return md


@pytest.fixture(scope="module")
def snippets_dir(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("snippets")
    (path / "secret.txt").write_text(SECRET, encoding="utf-8")
    (path / "index.md").write_text(SECRET, encoding="utf-8")
    return path


def assert_inert(html: str, where: str = "") -> None:
    """No tag, attribute, link or comment that the input could have made."""
    parser = Tags()
    parser.feed(html)
    parser.close()
    for tag, attrs in parser.tags:
        assert tag in ALLOWED_TAGS, f"{where}: input made a <{tag}> element: {html[:300]}"
        for name, value in attrs:
            assert name in ALLOWED_ATTRS, f"{where}: input made a {name}= attribute on <{tag}>"
            if name == "href":
                assert not (value or "").strip().lower().startswith(("javascript:", "data:", "vbscript:")), where
                assert "://" not in (value or ""), f"{where}: input made an external link {value}"
    assert not parser.comments, f"{where}: input opened an HTML comment"
    assert SECRET not in html, f"{where}: a snippet was included"


def render_article_pages(article: Article) -> dict[str, str]:
    digest = group_articles([article], REGISTRY)
    return render_pages(digest, REGISTRY)


def check_pages(pages: dict[str, str], md: markdown.Markdown, article: Article, dialect: markdown.Markdown) -> None:
    for path, page in pages.items():
        meta_text = page if page.startswith("---") else None
        body = page
        if meta_text:
            post = frontmatter.loads(page)
            body = post.content
            # The theme reads front matter through MkDocs' own parser: same values.
            _, meta = mkdocs_meta.get_data(page)
            assert meta == post.metadata
            if post.get("source"):
                assert post["title"] == article.title
                assert post["author"] == article.author and post["outlet"] == article.outlet
                assert post["summary"] == article.summary
        md.reset()
        html = md.convert(body)
        assert_inert(html, path)
        # The site parses the digest's pages with only the rules they use (site/dialect.py):
        # whatever the text, the same HTML.
        dialect.reset()
        assert dialect.convert(body) == html, f"{path}: the digest's Markdown dialect changed the page"


# --- hand-picked hostile articles ------------------------------------------------------------

@pytest.mark.parametrize("fragment", HOSTILE)
def test_hostile_fragment_in_every_position_is_inert(fragment, snippets_dir):
    md, dialect = site_markdown(snippets_dir), site_markdown(snippets_dir, dialect=True)
    positions = {
        "title": f"{fragment} {HEADLINE}\n\n{SENTENCE}\n",
        "paragraph": f"{HEADLINE}\n\n{SENTENCE} {fragment} và 20 tập thể.\n",
        "own line": f"{HEADLINE}\n\n{SENTENCE}\n\n{fragment}\n\nHội nghị khen thưởng 20 tập thể.\n",
        "caption": f"{HEADLINE}\n\n{SENTENCE}\n\n{fragment} đại biểu dự hội nghị. Ảnh: {fragment}\n\nKết thúc.\n",
        "byline": f"{HEADLINE}\n\n{SENTENCE}\n\n{fragment}\n",
    }
    for position, text in positions.items():
        article = Article(source=f"{fragment[:20]}.txt", text=text, given={"author": fragment, "outlet": fragment})
        try:
            understand(article, REGISTRY)
        except (InputError, ValueError):
            continue
        check_pages(render_article_pages(article), md, article, dialect)


def test_snippet_syntax_is_not_an_include(tmp_path):
    """The home page's overview is included by the site plugin (site/fragments.py, no
    pymdownx.snippets): only on hand-written top-level pages, only from _digest/, and never
    from article text."""
    (tmp_path / "_digest").mkdir()
    (tmp_path / "_digest" / "overview.md").write_text(SECRET, encoding="utf-8")
    (tmp_path / "secret.txt").write_text(SECRET, encoding="utf-8")

    def run(src_uri, markdown):
        return include_fragments(markdown, src_uri, str(tmp_path))

    assert SECRET in run("index.md", '--8<-- "_digest/overview.md"')  # the include is live…
    assert SECRET not in run("index.md", '--8<-- "secret.txt"')  # …only from _digest/
    assert SECRET not in run("index.md", '--8<-- "_digest/../secret.txt"')
    assert SECRET not in run("chi-thi-05-ct-tw/2019/a.md", '--8<-- "_digest/overview.md"')  # …only top level
    article = understand(Article("a.txt", f'{HEADLINE}\n\n{SENTENCE}\n\n--8<-- "_digest/overview.md"\n\nKết thúc hội nghị.\n'),
                         REGISTRY)
    for path, page in render_article_pages(article).items():
        body = frontmatter.loads(page).content if page.startswith("---") else page
        assert SECRET not in run(path.rsplit("/", 1)[-1], body)  # …and article text never uses it


# --- property-based ----------------------------------------------------------------------------

lines = st.lists(st.one_of(st.text(max_size=80), st.sampled_from(HOSTILE), st.just(SENTENCE), st.just("")),
                 min_size=1, max_size=12).map("\n".join)
metadata = st.one_of(st.none(), st.text(max_size=40), st.sampled_from(HOSTILE))
hypothesis_settings = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                                      HealthCheck.function_scoped_fixture])


@hypothesis_settings
@given(text=lines, author=metadata, outlet=metadata, title=metadata)
@example(text=f"{HEADLINE}\n\n{SENTENCE}\n\n<!--", author=None, outlet=None, title=None)
@example(text=f"---\n{SENTENCE}", author="- a", outlet="*alias", title="null")
def test_any_text_renders_inert_pages_with_round_tripping_front_matter(snippets_dir, text, author, outlet, title):
    given_fields = {k: v for k, v in {"author": author, "outlet": outlet, "title": title}.items() if v}
    article = Article(source="bai.txt", text=text, given=given_fields)
    try:
        understand(article, REGISTRY)
    except (InputError, ValueError):
        return  # refused with a reason: fine
    check_pages(render_article_pages(article), site_markdown(snippets_dir), article,
                site_markdown(snippets_dir, dialect=True))


@hypothesis_settings
@given(title=st.text(min_size=1, max_size=120).filter(lambda t: t.strip()))
@example(title="</title><script>window.__pwned=1</script>")
@example(title="2021-05-20")
@example(title="a: b # c")
@example(title="' \" \\ \u2028 \x85 \ufeff")
@example(title="\ufb1d")  # NFC changes it: found by hypothesis
def test_front_matter_title_round_trips_through_an_editors_markdown_file(tmp_path_factory, title):
    """An editor's front matter title, whatever it holds, comes out of our page as it went in."""
    src = tmp_path_factory.mktemp("fm")
    (src / "bai.md").write_text("---\n" + yaml.safe_dump({"title": title}, allow_unicode=True) + "---\n"
                                + f"{HEADLINE}\n\n{SENTENCE}\n", encoding="utf-8")
    from directive_digest.readers import read_file

    try:
        [article] = read_file(src / "bai.md", src)
        understand(article, REGISTRY)
    except (InputError, ValueError):
        return
    pages = render_article_pages(article)
    page = next(p for p in pages.values() if "source: bai.md" in p)
    assert frontmatter.loads(page).metadata["title"] == article.title
    assert mkdocs_meta.get_data(page)[1]["title"] == article.title
    # As written, up to Unicode NFC (which every input gets) and dropped control characters.
    assert article.title.split() == unicodedata.normalize("NFC", title).split() or not title.isprintable()


@hypothesis_settings
@given(slug=st.one_of(st.text(max_size=60), st.sampled_from(["../../x", "/etc/passwd", "..", ".", "a/../../b",
                                                             "C:\\Windows", "~root", "\x00", "con", "index"])),
       title=st.text(max_size=60))
def test_slugs_from_input_are_always_one_safe_path_component(slug, title):
    article = Article(source="../../bai viết.txt", text="", title=title, slug=slug)
    taken = {"index"}
    result = assign_slug(article, taken)
    assert result and result != "index"
    assert set(result) <= set(string.ascii_lowercase + string.digits + "-")
    assert not result.startswith("-") and ".." not in result and "/" not in result


def test_slug_and_directive_overrides_cannot_leave_the_output(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.md").write_text("---\nslug: ../../../../evil\ndirective: ../../../escape\n---\n"
                              f"{HEADLINE}\n\n{SENTENCE}\n", encoding="utf-8")
    (src / "a.override.yaml").write_text("slug: /etc/cron.d/evil\n", encoding="utf-8")
    out = tmp_path / "deep" / "out"
    report = build([src], out)
    assert report.problems == [] and report.written.refused == []
    files = [p for p in tmp_path.rglob("*") if p.is_file() and not p.is_relative_to(src)]
    assert files and all(p.is_relative_to(out) for p in files)
    assert any(p.name == "etc-cron-d-evil.md" for p in files)


# --- the built site, in a browser ---------------------------------------------------------------

def hostile_inputs(root: Path) -> Path:
    src = root / "thù địch"
    src.mkdir()
    body = "\n\n".join(f"Đoạn {n}: {SENTENCE} {fragment}" for n, fragment in enumerate(HOSTILE[:40]))
    # A different article (copies would be merged as syndicated), as hostile.
    other = "\n\n".join(f"Mục {n}, chiều 1/6/2021 {fragment} tại hội trường số {n} có {n + 50} cán bộ chủ chốt dự."
                         for n, fragment in enumerate(reversed(HOSTILE[:40])))
    (src / "tiêu đề <script>.txt").write_text(f"<script>window.__pwned='t'</script> {HEADLINE}\n\n{body}\n",
                                             encoding="utf-8")
    (src / "biên tập.md").write_text(
        "---\n" + yaml.safe_dump({
            "title": "</title><script>window.__pwned='fm-title'</script><img src=x onerror=\"window.__pwned='i'\">",
            "author": "<b onmouseover=\"window.__pwned='author'\">Tác giả</b>",
            "outlet": "<script>window.__pwned='outlet'</script>Báo",
            "directive": "<img src=x onerror=\"window.__pwned='directive'\">",
            "summary": "<script>window.__pwned='summary'</script> Tóm tắt {: onclick=\"window.__pwned='s'\" }",
            "slug": "../../../../evil",
            "date": "2021-06-01",
        }, allow_unicode=True) + f"---\nHội nghị học tập chuyên đề năm 2021\n\n{other}\n",
        encoding="utf-8")
    page = ("<!doctype html><html><head><meta charset='utf-8'>"
            f"<meta property='og:title' content=\"Kết luận 01-KL/TW &lt;script&gt;window.__pwned='og'&lt;/script&gt;\">"
            "<meta property='og:site_name' content=\"Báo <img src=x onerror=window.__pwned='site'>\">"
            "<script>window.__pwned='page-script'</script></head><body><nav>Trang chủ</nav><article>"
            "<h1>Đưa Kết luận 01-KL/TW vào sinh hoạt chi bộ</h1>"
            "<p>Ngày 15/3/2022, Đảng bộ xã tổ chức hội nghị đưa Kết luận 01-KL/TW vào sinh hoạt chi bộ định kỳ.</p>"
            "<script>window.__pwned='body-script'</script><iframe src=\"javascript:parent.__pwned='f'\"></iframe>"
            "<p onclick=\"window.__pwned='p'\">Các chi bộ chọn nội dung gần gũi "
            "&lt;img src=x onerror=window.__pwned='entity'&gt; để học tập.</p></article></body></html>")
    (src / "trang.html").write_text(page, encoding="utf-8")
    records = [{"title": "<svg onload=\"window.__pwned='jsonl'\"> Quy định 08-QĐi/TW",
                "text": f"Quy định 08\n\nNgày 10/4/2023, Huyện ủy quán triệt Quy định 08-QĐi/TW {HOSTILE[1]} cho 250 cán bộ.",
                "url": "javascript:window.__pwned='url'", "outlet": HOSTILE[2],
                # Material prints the author inside <meta name="author" content="…">.
                "author": "\"><script>window.__pwned='author-attr'</script><meta x=\""}]
    (src / "xuất.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8")
    return src


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("hostile-site")
    src = hostile_inputs(work)
    return build_site(work, [src])


class SiteTags(Tags):
    def __init__(self):
        super().__init__()
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        super().handle_starttag(tag, attrs)
        self._in_script = tag == "script"

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)
        self._in_script = False


def test_built_hostile_site_has_no_live_markup(hostile_site):
    report = json.loads((hostile_site.parent / "report.json").read_text(encoding="utf-8"))
    assert report["articles"] == 4 and not report["problems"]
    pages = list(hostile_site.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        parser = SiteTags()
        parser.feed(page.read_text(encoding="utf-8"))
        where = page.relative_to(hostile_site)
        for tag, attrs in parser.tags:
            assert tag not in {"iframe", "object", "embed", "style", "img"}, f"{where}: <{tag}> {attrs}"
            for name, value in attrs:
                assert not name.startswith("on"), f"{where}: <{tag} {name}={value!r}>"
                assert "pwned" not in name, f"{where}: input broke out of an attribute: <{tag} {name}={value!r}>"
                assert "pwned" not in (value or "") or name in {"id", "href", "content", "aria-labelledby"}, \
                    f"{where}: {name}={value!r}"
                if name in {"href", "src", "action"}:
                    assert not (value or "").lower().startswith("javascript:"), f"{where}: {name}={value!r}"
        assert not any("pwned" in script for script in parser.scripts), where
    evil = next(hostile_site.rglob("evil.html"))
    assert evil.is_relative_to(hostile_site)
    html = evil.read_text(encoding="utf-8")
    assert "<title>&lt;/title&gt;&lt;script&gt;" in html  # the title is shown, as text


def test_no_injected_script_runs_in_a_browser(hostile_site, offline_page):
    dialogs = []
    offline_page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    pages = sorted(hostile_site.rglob("*.html"))
    for page in pages:
        offline_page.goto(page.as_uri())
        offline_page.wait_for_load_state("load")
        offline_page.mouse.move(300, 300)
        assert offline_page.evaluate("typeof window.__pwned") == "undefined", page
    # Shown as text, not swallowed: the hostile title is visible on its page.
    offline_page.goto(next(hostile_site.rglob("evil.html")).as_uri())
    assert "</title><script>" in offline_page.inner_text("article h1")
    assert "</title><script>" in offline_page.title()
    # Escaped once, not twice: the header shows the author exactly as written.
    assert "<b onmouseover=\"window.__pwned='author'\">Tác giả</b>" in offline_page.inner_text(".digest-meta")
    assert "&lt;" not in offline_page.inner_text(".digest-meta")
    # Where the search box works (it renders results from the same titles), nothing runs either.
    if offline_page.is_visible("label.md-header__button[for='__search']"):
        offline_page.click("label.md-header__button[for='__search']")
        offline_page.fill("input.md-search__input", "script")
        offline_page.wait_for_selector(".md-search-result__item", timeout=10_000)
        assert "</title><script>" in offline_page.inner_text(".md-search-result")
        assert offline_page.evaluate("typeof window.__pwned") == "undefined"
    assert not dialogs
    # The theme's own requests are the site's business; none may come from article content.
    assert not [url for url in offline_page.external_requests if "evil" in url or url.startswith("javascript")]


def test_hostile_text_is_shown_as_written(hostile_site):
    """Dropped is allowed for page chrome (an HTML page's scripts); article text is shown, as text."""
    content = hostile_site.parent / "content"
    [md] = [p for p in content.rglob("*.md") if "source: tiêu đề <script>.txt" in p.read_text(encoding="utf-8")]
    html = (hostile_site / md.relative_to(content).with_suffix(".html")).read_text(encoding="utf-8")
    parser = Tags()
    parser.feed(html)
    text = " ".join(" ".join(parser.text).split())
    for fragment in ("<script>window.__pwned='script'</script>", "{{ config.site_name }}", "{% include 'base.html' %}",
                     "[bấm vào đây](javascript:window.__pwned='mdlink')", "<!-- chú thích chưa đóng",
                     "{: onclick=\"window.__pwned='attr'\" }", '--8<-- "secret.txt"', "tiêu đề <script>.txt",
                     "&lt;script&gt;window.__pwned='entity'&lt;/script&gt;"):
        assert fragment in text, fragment
