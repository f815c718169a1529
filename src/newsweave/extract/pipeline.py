"""Per-article stages and the pipeline that runs them over spaCy ``Doc``s.

A stage is a function ``(extraction, settings) -> None`` registered under a versioned name
(``"newsweave.timex.rules.v1"``) with the fields it ``requires`` and the fields it ``assigns``,
as spaCy components declare theirs. ``Pipeline`` checks when it is built that every stage's
requirements are assigned by an earlier one, so a new stage slots in without touching the others.

Field names: ``doc`` (the parse), ``doc.ents``, ``mentions``, ``mentions.chain`` (in-document
coreference), ``mentions.describes`` (the name a description is said of), ``timexes``, ``attributions``,
``attributions.speaker``, ``events``.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from itertools import islice

from ..errors import ExtractError
from ..model import Article, Extraction
from ..settings import Settings
from .nlp import load_model

__all__ = ["ArticleFault", "Pipeline", "StageFailed", "StageSpec", "get_stage", "registered_stages", "stage"]

StageFunc = Callable[[Extraction, Settings], None]


@dataclass(frozen=True)
class StageSpec:
    """A registered stage: its versioned name, what it reads and writes, and the function."""

    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    func: StageFunc
    # spaCy components this stage needs from the model; the pipeline disables the others.
    spacy_components: tuple[str, ...] = ()


class StageFailed(ExtractError):
    """A stage raised on one article: which stage, the original error's class and its message."""

    def __init__(self, stage: str, error: str, message: str, where: str):
        self.stage, self.error, self.message, self.where = stage, error, message, where
        super().__init__(f"stage {stage} failed on {where}: {error}: {message}")

    def __reduce__(self):  # raised in a worker process, re-raised in the parent
        return StageFailed, (self.stage, self.error, self.message, self.where)

    @classmethod
    def of(cls, stage: str, exc: BaseException, article: Article) -> StageFailed:
        return cls(stage, type(exc).__name__, str(exc) or type(exc).__name__,
                   article.origin or article.id or "an article")


@dataclass(frozen=True)
class ArticleFault:
    """What ``Pipeline.run(..., isolate=True)`` yields for an article a stage could not process,
    in its place: the run goes on with the next article. Plain strings, so it crosses processes."""

    article: Article
    stage: str
    error: str  # the exception's class name
    message: str

    @classmethod
    def of(cls, article: Article, exc: Exception, stage: str) -> ArticleFault:
        if isinstance(exc, StageFailed):
            return cls(article, exc.stage, exc.error, exc.message)
        return cls(article, stage, type(exc).__name__, str(exc) or type(exc).__name__)


_REGISTRY: dict[str, StageSpec] = {}


def stage(name: str, *, requires: Iterable[str] = (), assigns: Iterable[str] = (),
          spacy_components: Iterable[str] = ()) -> Callable[[StageFunc], StageFunc]:
    """Register ``func`` as the stage ``name``."""

    def register(func: StageFunc) -> StageFunc:
        _REGISTRY[name] = StageSpec(name, tuple(requires), tuple(assigns), func, tuple(spacy_components))
        return func

    return register


_BUILTIN_MODULES = ("entities", "mentions", "coref", "link_features", "timex", "attribution", "quote_speakers", "statement_dates", "events")


def _load_builtin_stages() -> None:
    # Imported here, not at module import, so that importing newsweave stays cheap.
    import importlib
    import importlib.util

    for name in _BUILTIN_MODULES:
        if importlib.util.find_spec(f"{__package__}.{name}") is not None:
            importlib.import_module(f"{__package__}.{name}")


def registered_stages() -> dict[str, StageSpec]:
    """Every registered stage by name."""
    _load_builtin_stages()
    return dict(_REGISTRY)


def get_stage(name: str) -> StageSpec:
    stages = registered_stages()
    if name not in stages:
        raise ExtractError(f"unknown stage {name!r}; registered stages: {', '.join(sorted(stages))}")
    return stages[name]


class Pipeline:
    """Runs the configured stages over articles, parsing them in batches with ``nlp.pipe``."""

    PARSE = "newsweave.parse.spacy.v1"

    def __init__(self, settings: Settings | None = None):
        self.settings = settings or Settings()
        self.stages = [get_stage(n) for n in self.settings.stages]
        self._check_order()

    def _check_order(self) -> None:
        have: set[str] = set()
        for spec in self.stages:
            missing = [r for r in spec.requires if r not in have]
            if missing:
                raise ExtractError(
                    f"stage {spec.name} needs {', '.join(missing)}, which no earlier stage assigns; "
                    f"stages in order: {', '.join(s.name for s in self.stages)}"
                )
            have.update(spec.assigns)

    @property
    def nlp(self):
        return load_model(self.settings.model)

    def _spacy_disabled(self) -> list[str]:
        wanted = {c for s in self.stages for c in s.spacy_components}
        return [name for name in self.nlp.pipe_names if name not in wanted]

    def run(self, articles: Iterable[Article], *, isolate: bool = False) -> Iterator[Extraction | ArticleFault]:
        """Yield one ``Extraction`` per article, in input order.

        With one worker each keeps its parsed ``doc``; with several the parse stays in the worker that made
        it (``doc`` is None): what linking reads of it the stages have set as plain fields.

        A stage that raises stops the run with ``StageFailed``; with ``isolate`` the article gets an
        ``ArticleFault`` in its place instead and the run goes on (``newsweave process``)."""
        if self.settings.workers > 1:
            yield from self._run_parallel(articles, isolate)
            return
        yield from self._run_serial(articles, isolate)

    def _run_serial(self, articles: Iterable[Article], isolate: bool = False) -> Iterator[Extraction | ArticleFault]:
        limit = self.settings.max_parse_chars
        disabled = self._spacy_disabled()
        it = iter(articles)
        while batch := list(islice(it, self.settings.batch_size)):
            texts = [a.text[:limit] for a in batch]
            try:
                docs = list(self.nlp.pipe(texts, batch_size=self.settings.batch_size, disable=disabled))
            except Exception:
                if not isolate:
                    raise
                docs = None  # parsed one by one below, so that only the article that breaks the parser fails
            for i, article in enumerate(batch):
                try:
                    doc = docs[i] if docs is not None else self.nlp(texts[i], disable=disabled)
                    yield self.process_doc(article, doc)
                except Exception as exc:
                    if not isolate:
                        raise
                    yield ArticleFault.of(article, exc, self.PARSE)

    def process_doc(self, article: Article, doc) -> Extraction:
        """Run every stage after the parse on one parsed article."""
        ex = Extraction(article=article, doc=doc)
        for spec in self.stages:
            if spec.name == self.PARSE:
                ex.made_by["doc"] = f"{spec.name}:{self.settings.model}"
                continue
            try:
                spec.func(ex, self.settings)
            except Exception as exc:
                raise StageFailed.of(spec.name, exc, article) from exc
            for field_name in spec.assigns:
                ex.made_by[field_name] = spec.name
        return ex

    def _run_parallel(self, articles: Iterable[Article], isolate: bool = False) -> Iterator[Extraction | ArticleFault]:
        ctx = multiprocessing.get_context("fork" if hasattr(multiprocessing, "get_context") else None)
        # Small tasks keep every worker busy to the end: with a task of a whole batch (32), the last
        # task of a run or read chunk ran alone while the other workers idled.
        chunk = max(4, self.settings.batch_size // 4)
        with ctx.Pool(self.settings.workers, initializer=_worker_init, initargs=(self.settings,)) as pool:
            # imap keeps input order and streams, so memory stays bounded by the pool's queue.
            for batch in pool.imap(partial(_worker_run, isolate=isolate), _batched(articles, chunk)):
                yield from batch


def _batched(items: Iterable[Article], n: int) -> Iterator[list[Article]]:
    it = iter(items)
    while batch := list(islice(it, n)):
        yield batch


_WORKER: Pipeline | None = None


def _worker_init(settings: Settings) -> None:
    global _WORKER
    # The workers are the parallelism: a BLAS pool of its own in each (OpenBLAS spins a thread per
    # core) would oversubscribe the cores that the other workers and the linking parent need.
    from threadpoolctl import threadpool_limits

    threadpool_limits(1)
    _die_with_parent()
    _WORKER = Pipeline(settings.replace(workers=1))
    _WORKER.nlp  # one model load per worker, up front


def _die_with_parent() -> None:
    # A worker busy on its task noticed a killed parent only when it next read the task queue, seconds
    # later; Linux can kill it with the parent (PR_SET_PDEATHSIG). Elsewhere the queue's EOF still ends it.
    import ctypes
    import os
    import signal
    import sys

    if not sys.platform.startswith("linux"):
        return
    parent = multiprocessing.parent_process()
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if parent is not None and os.getppid() != parent.pid:  # it died before the request took effect
        os._exit(1)


def _worker_run(batch: list[Article], isolate: bool = False) -> list[Extraction | ArticleFault]:
    assert _WORKER is not None
    out = []
    for ex in _WORKER._run_serial(batch, isolate):
        if isinstance(ex, Extraction):
            # Not shipped back: linking reads the plain fields the stages set (story words, described
            # names), so --workers 2 links as --workers 1 without the parent loading the model.
            ex.doc = None
        out.append(ex)
    return out


@stage("newsweave.parse.spacy.v1", assigns=("doc", "doc.ents", "doc.sents"),
       spacy_components=("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "newsweave_lemma_repair",
                         "ner"))
def _parse(ex: Extraction, settings: Settings) -> None:
    """The parse itself is done in batches by ``Pipeline``; this entry only declares what it assigns."""
