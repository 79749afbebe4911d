"""Sharded site builds (issue #17, docs/scaling.md): one site in several ``mkdocs build`` runs.

plan.py splits ``content/`` into shards of whole ``<directive>/<year>`` folders plus the top
shard; build.py builds each (a process per shard, or on a Dask cluster) into a cache, skipping
shards whose inputs did not change; assemble.py puts them together into one ``site/``, with
the feeds and ``digest.json`` of every shard's articles, and checks its links (links.py);
command.py is ``python -m directive_digest site``.

What a shard renders, and what it only reads for its navigation, is the site plugin's
business (directive_digest/site/shard.py, the plugin's ``shard`` option): this package
writes each shard's spec and runs MkDocs, and never imports the site.
"""
