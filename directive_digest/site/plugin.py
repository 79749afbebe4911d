"""The ``directive-digest`` MkDocs plugin: the digest's site (entry point in pyproject.toml).

Every event the plugin handles, its priority, and what it does, in the order MkDocs runs them
(at MkDocs' default priority 0 but where the table says otherwise):

==================  ========  ================================================================
event               priority  what it does
==================  ========  ================================================================
on_config           0         stops on an untested Material (material.check); adds the
                              Markdown dialect of the digest's pages (dialect.py)
on_pre_build        0         a fresh state for the build; reads the digest's manifest and
                              the last build's converted pages (converted.py); starts the
                              search indexer beside the build (search_index.py)
on_files            0         in a shard build (option ``shard``, shard.py): the pages no
                              page of the shard needs are excluded
on_nav              0         section titles from index pages, years newest first
                              (sections.py); articles, later year pages and tag pages
                              left out of the navigation (navigation.py); what every
                              page's conversion depends on (converted.py)
on_env              0         template globals (render_cache.py, ``PageKind``) and filters
                              (``date_vi``, ``digest_with_search``); Material's nav.html in
                              its cached call; section titles escaped (safety.py); in a
                              shard build, the pages read for the navigation only excluded
on_page_markdown    0         the home page's generated overview (fragments.py); whether the
                              page gets the dialect; its place in the navigation and its
                              front matter as written (feeds, export); then the front
                              matter escaped for the theme (safety.py); in a shard build,
                              no Markdown for a page read only for its front matter
on_page_markdown    -100      after every plugin's: no Markdown to convert when the page's
                              conversion is kept (converted.py)
on_page_content     100       before every plugin's: the kept conversion put back, or the
                              new one kept
on_page_content     0         the next page's parser is a full one unless told
on_page_context     0         an article's breadcrumb, previous/next and tag links
on_post_page        0         the page without its whitespace-only lines (compact.py)
on_post_build       -50       after other plugins: the converted pages kept (converted.py);
                              the search index moved into site/search/,
                              Material's unused search files left out, the feeds (feeds.py)
                              and digest.json (export.py) written; in a shard build, the
                              records of what it published instead (publish.py)
on_build_error      0         the indexer stopped
on_shutdown         0         the indexer stopped (``mkdocs serve`` ends)
==================  ========  ================================================================

State lives on the instance, made anew in ``on_pre_build`` (``mkdocs serve`` rebuilds with
the same instance). The digest's pages are told apart by ``kind`` (contract.PageKind).
"""
from __future__ import annotations

from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority

from ..contract import PageKind, date_vi
from . import export, feeds, material, publish, safety
from .compact import without_blank_lines
from .config import DigestConfig, cache_folder
from .converted import ConvertedPages
from .dialect import Dialect
from .fragments import include_fragments
from .navigation import Navigation
from .published import Published, newest_first, write_file
from .render_cache import RenderCache
from .search_index import SearchIndexRun
from .sections import retitle
from .shard import READ, SKIP, Shard

# The pages feeds and the export are made of.
PUBLISHED_KINDS = (PageKind.ARTICLE, PageKind.DIRECTIVE)


class DigestPlugin(BasePlugin[DigestConfig]):

    def __init__(self) -> None:
        self.dialect = Dialect()
        self.search_index = SearchIndexRun()
        self.navigation = Navigation()
        self.render_cache = RenderCache(self.navigation)
        self.published: list[Published] = []
        self.nav = None  # the build's navigation, escaped once final (on_env)
        self.shard: Shard | None = None  # the shard this build renders, or None: the whole site
        self.converted = ConvertedPages()

    def on_config(self, config):
        material.check(config.theme.name, material.installed_version())
        if self.config.markdown_dialect:
            config.markdown_extensions.append(self.dialect.extension())
        return config

    def on_pre_build(self, config):
        self.navigation = Navigation()
        self.render_cache = RenderCache(self.navigation, self.config.derived_navigation)
        self.published = []
        self.nav = None
        self.shard = Shard.load(self.config.shard)
        self.converted = ConvertedPages(*self.shard.conversions) \
            if self.shard is not None and self.shard.conversions and self.config.page_cache \
            else ConvertedPages.in_folder(cache_folder(config, self.config.page_cache))
        self.converted.start()
        self.dialect.read_manifest(config.docs_dir)
        if self.config.search_index and (self.shard is None or self.shard.top):
            self.search_index.start(config.docs_dir, cache_folder(config, self.config.search_cache))

    def on_files(self, files, config):
        if self.shard is not None:
            self.shard.exclude(files, SKIP)
        return files

    def on_nav(self, nav, config, files):
        retitle(nav.items)
        self.navigation.prune(nav)
        self.nav = nav  # escaped in on_env, after every plugin's on_nav has set section titles
        self.converted.know_site(config, files)  # the files are final; no page is read yet
        return nav

    def on_env(self, env, config, files):
        env.globals.update(self.render_cache.globals())
        env.globals["PageKind"] = PageKind
        env.filters["date_vi"] = date_vi
        env.filters["digest_with_search"] = material.header_with_search
        material.cache_side_navigation(env, "digest_cached_nav")
        safety.escape_sections(self.nav)  # before any template (the 404 page first) is rendered
        if self.shard is not None:  # every page is read: what another shard renders is left out now
            self.shard.exclude(files, READ)
        return env

    def _page_markdown(self, markdown, page, config, files):
        markdown = include_fragments(markdown, page.file.src_uri, config.docs_dir)
        self.dialect.before_render(page)
        meta = page.meta
        if not meta.get(safety.DONE):  # as written, before it is escaped
            self.navigation.gather(page)
            kind = PageKind.of(meta)
            if kind in PUBLISHED_KINDS:
                self.published.append(Published(page.url, str(meta.get("title") or page.title or ""), kind, dict(meta)))
        safety.escape_meta(meta)
        if self.shard is not None and meta.get("title") and self.shard.role(page.file.src_uri) == READ:
            return ""  # read for its title and front matter only: another shard renders it
        return markdown

    @event_priority(-100)
    def _converted_markdown(self, markdown, page, config, files):
        # After every plugin's Markdown: what MkDocs converts (nothing, when kept: converted.py).
        return self.converted.lookup(markdown, page, self.dialect.digest_page)

    on_page_markdown = CombinedEvent(_page_markdown, _converted_markdown)

    @event_priority(100)
    def _converted_content(self, html, page, config, files):
        # Before every plugin's HTML: the page's own conversion, kept or just made.
        return self.converted.restore(html, page, files)

    def _page_content(self, html, page, config, files):
        self.dialect.after_render()
        return html

    on_page_content = CombinedEvent(_converted_content, _page_content)

    def on_page_context(self, context, page, config, nav):
        if PageKind.of(page.meta) == PageKind.ARTICLE:
            context["digest_trail"] = self.navigation.trail(page)
            # Material's partials/tags.html renders `tags` ({name, url}); its tags plugin is not used.
            context["tags"] = self.navigation.tags(page)
        safety.escape_sections(nav)  # idempotent; covers a nav another plugin replaced after on_nav
        return context

    def on_post_page(self, output, page, config):
        return without_blank_lines(output) if self.config.compact_html else output

    @event_priority(-50)
    def on_post_build(self, config):
        site_dir, site_url = config.site_dir, config.site_url or ""
        self.converted.finish()
        self.search_index.finish(site_dir)
        material.remove_unused_search_assets(site_dir)
        if self.shard is not None:  # feeds and digest.json: publish.py, once every shard is built
            self.shard.write_records(self.published, publish.settings(config, self.config))
            return
        articles = newest_first(self.published)
        if self.config.feeds:
            directives = [p for p in self.published if p.kind == PageKind.DIRECTIVE]
            feeds.write_feeds(site_dir, config.site_name, config.site_description or "", site_url,
                              articles, directives, self.config.feed_items)
        if self.config.json_export:
            write_file(site_dir, export.FILE, export.export_json(export.export(articles, site_url)).encode("utf-8"))

    def on_build_error(self, error):
        self.converted.stop()
        self.search_index.stop()

    def on_shutdown(self):
        self.converted.stop()
        self.search_index.stop()
