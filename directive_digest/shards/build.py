"""Build the shards: one ``mkdocs build`` each, in parallel, into a cache.

Each shard is built by ``build_shard`` in a process of its own: a fresh process per shard
from a local pool (every core), or a task on a Dask cluster (``--engine dask``: the client
of dask_engine.py; its workers must see the same ``content/`` and code, as on one machine or
a shared file system). A shard writes into ``<cache>/shards/<name>.new-<pid>/`` and is moved
to ``<cache>/shards/<name>/`` only when whole, with its fingerprint: a shard whose
fingerprint is unchanged is not built again.

MkDocs' warnings are collected: under ``strict`` (mkdocs.yml) a shard with a warning fails,
and its messages (naming the page) are what the command prints.
"""
from __future__ import annotations

import concurrent.futures
import json
import logging
import multiprocessing
import os
import resource
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from .plan import Plan, ShardPlan

PLUGIN = "directive-digest"
FINGERPRINT = "fingerprint"
RECORDS = "records.pickle"
SPEC = "spec.json"
SITE = "site"
CONVERSIONS = "pages.pickle"  # the shard's converted pages (site/converted.py)


class ShardFailed(Exception):
    def __init__(self, shard: str, messages: list[str]):
        self.shard, self.messages = shard, messages
        super().__init__(f"shard {shard} failed: " + ("; ".join(messages) or "no message"))


@dataclass
class ShardResult:
    name: str
    articles: int
    built: bool  # False: reused from the cache
    seconds: float = 0.0
    peak_rss_mb: float = 0.0
    messages: list[str] = field(default_factory=list)
    pages_reused: int = 0  # pages whose converted Markdown the last build kept (site/converted.py)
    pages_converted: int = 0


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def build_shard(config_file: str, spec: dict, out: str) -> dict:
    """Build one shard into ``out`` (its site/ and records). Runs in a worker process; returns
    {"ok", "messages", "seconds", "peak_rss_mb"}. Never raises for a failed build."""
    started = time.perf_counter()
    collect = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collect)
    if logger.level in (logging.NOTSET,) or logger.level > logging.WARNING:
        logger.setLevel(logging.WARNING)
    ok = True
    converted = None
    try:
        os.makedirs(out, exist_ok=True)
        spec_path = os.path.join(out, SPEC)
        with open(spec_path, "w", encoding="utf-8") as f:
            json.dump({**spec, "records": os.path.join(out, RECORDS)}, f)
        config = load_config(config_file=config_file, site_dir=os.path.join(out, SITE))
        if PLUGIN not in config.plugins:
            raise ValueError(f"{config_file} does not use the {PLUGIN} plugin: it cannot be built in shards")
        config.plugins[PLUGIN].config["shard"] = spec_path
        mkdocs_build(config)
        converted = config.plugins[PLUGIN].converted
    except BaseException as error:  # Abort (strict), a page that cannot be read, a plugin's error
        ok = False
        text = str(error).strip()
        if text and text not in collect.messages:
            collect.messages.append(f"{type(error).__name__}: {text}")
    finally:
        logger.removeHandler(collect)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return {"ok": ok, "messages": collect.messages, "seconds": round(time.perf_counter() - started, 2),
            "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
            "pages_reused": converted.hits if converted else 0, "pages_converted": converted.misses if converted else 0}


def spec_of(plan: Plan, shard: ShardPlan) -> dict:
    return {"name": shard.name, "top": shard.top, "folders": shard.folders,
            "article_folders": sorted(plan.article_folders)}


def shard_dir(cache: Path, name: str) -> Path:
    return cache / "shards" / name


def cached(cache: Path, name: str, fingerprint: str) -> bool:
    try:
        return (shard_dir(cache, name) / FINGERPRINT).read_text(encoding="utf-8") == fingerprint
    except OSError:
        return False


def _settle(cache: Path, shard: ShardPlan, fingerprint: str, work: Path) -> None:
    """Move a whole new build into place, its fingerprint last (a shard without one is built again)."""
    final = shard_dir(cache, shard.name)
    old = final.with_name(f"{final.name}.old-{os.getpid()}")
    if final.exists():
        final.rename(old)
    work.rename(final)
    shutil.rmtree(old, ignore_errors=True)
    (final / FINGERPRINT).write_text(fingerprint, encoding="utf-8")


def _local_runner(jobs: int):
    # A fresh process per shard: MkDocs, Material and the plugin start clean, and each
    # shard's memory is given back when it ends.
    return concurrent.futures.ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn"),
                                                  max_tasks_per_child=1)


def build_shards(plan: Plan, fingerprints: dict[str, str], config_file: Path, cache: Path,
                 jobs: int, client=None, progress=None, only=None) -> list[ShardResult]:
    """Build every shard whose fingerprint changed (``client``: a Dask client, else local
    processes), or of those only the ones named in ``only``; the results in plan order.
    ShardFailed when any shard fails."""
    results = {s.name: ShardResult(s.name, s.articles, False) for s in plan.shards}
    todo = [s for s in plan.shards if not cached(cache, s.name, fingerprints[s.name])
            and (only is None or s.name in only)]
    # The longest first (the top shard writes the search index), so the last to finish is a short one.
    todo.sort(key=lambda s: (not s.top, -s.articles))
    (cache / "shards").mkdir(parents=True, exist_ok=True)
    work = {s.name: shard_dir(cache, s.name).with_name(f"{s.name}.new-{os.getpid()}") for s in todo}
    for path in work.values():
        shutil.rmtree(path, ignore_errors=True)
    failures = []
    args = {s.name: (str(config_file.resolve()),
                     {**spec_of(plan, s), "conversions": [str((shard_dir(cache, s.name) / CONVERSIONS).resolve()),
                                                          str((work[s.name] / CONVERSIONS).resolve())]},
                     str(work[s.name].resolve())) for s in todo}
    try:
        for name, outcome in _run(todo, args, jobs, client):
            shard = next(s for s in todo if s.name == name)
            r = results[name]
            r.built, r.seconds, r.peak_rss_mb, r.messages = True, outcome["seconds"], outcome["peak_rss_mb"], outcome["messages"]
            r.pages_reused, r.pages_converted = outcome.get("pages_reused", 0), outcome.get("pages_converted", 0)
            if outcome["ok"]:
                _settle(cache, shard, fingerprints[name], work[name])
            else:
                failures.append(ShardFailed(name, outcome["messages"]))
            if progress is not None:
                progress.update(1)
    finally:
        for path in work.values():
            shutil.rmtree(path, ignore_errors=True)
    if failures:
        raise failures[0]
    return [results[s.name] for s in plan.shards]


def _run(todo: list[ShardPlan], args: dict, jobs: int, client):
    """(name, outcome) of each shard as it ends."""
    if not todo:
        return
    if client is not None:
        # Submitted longest first; collected in that order (the cluster runs them as it can).
        futures = [(s.name, client.submit(build_shard, *args[s.name], key=f"shard-{s.name}-{os.getpid()}", pure=False))
                   for s in todo]
        for name, future in futures:
            yield name, future.result()
        return
    with _local_runner(max(1, min(jobs, len(todo)))) as pool:
        futures = {pool.submit(build_shard, *args[s.name]): s.name for s in todo}
        for future in concurrent.futures.as_completed(futures):
            yield futures[future], future.result()


def remove_stale(cache: Path, plan: Plan) -> None:
    """Shards of an earlier plan (other folders): their output is no use now."""
    keep = {s.name for s in plan.shards}
    root = cache / "shards"
    if root.is_dir():
        for path in root.iterdir():
            if path.is_dir() and path.name not in keep:
                shutil.rmtree(path, ignore_errors=True)
