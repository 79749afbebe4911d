"""The digest's site: the ``directive-digest`` MkDocs plugin (plugin.py) and its pieces.

plugin.py        the plugin: every event it handles and its priority, its state
config.py        its options (mkdocs.yml)
material.py      every tie to Material for MkDocs' internals, and the tested versions
sections.py      section titles from index pages; years newest first
navigation.py    the navigation without articles; breadcrumb, previous/next, tag links
render_cache.py  template blocks rendered once (navigation, header, by page depth)
safety.py        front matter the theme prints raw, escaped
dialect.py       the digest's pages parsed with only the Markdown rules they use
fragments.py     the home page's generated overview, included
published.py     the pages feeds and the export are made of, as written
feeds.py         RSS (feedgen)
export.py        digest.json
search_index.py  the full-text index (directive_digest.search) written beside the build

The plugin reads what the digest wrote (contract.py: page kinds, article order, dates); the
digest never imports this package (import contracts in pyproject.toml).
"""
