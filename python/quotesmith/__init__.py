"""quotesmith: quotations, speakers, cues and news outlets in news text.

    >>> import quotesmith
    >>> pipeline = quotesmith.Pipeline()
    >>> record = pipeline.annotate("\u201cYes,\u201d she said.")
    >>> record["quotes"][0]["text"]
    'Yes,'

A record is a dict with the fields of one JSON line of ``quotesmith extract`` (docs/schema.md):
``id``, ``quotes``, ``speakers``, ``outlets``, ``entities``, ``sentences``; offsets are
character offsets into the text. A text that could not be annotated gives an error record,
``{"id": ..., "error": {"kind": ..., "message": ..., "source": ...}}``.

The transformer model (for ``attribution="combined"`` or ``"transformer"``, ``ner="transformer"``)
is searched in this order: the ``model_dir`` argument, the folder in ``$QUOTESMITH_MODEL_DIR``,
the model bundled inside this package. The default mode needs no model file.

``quotesmith.spark`` runs the same pipeline on Spark DataFrames.
"""

from __future__ import annotations

import json
import os
import pathlib
from typing import Any, Dict, Iterable, List, Optional, Sequence, Union

# candle sizes its kernel thread pool from this variable when it first runs; the pipeline
# already runs one document per rayon thread, so one kernel thread per worker avoids spinning
# threads (as the command line does; docs/backends.md). A value the user set is kept.
os.environ.setdefault("CANDLE_NUM_THREADS", "1")

from . import _quotesmith  # noqa: E402
from ._quotesmith import InputError, ModelError, QuotesmithError

__all__ = [
    "Pipeline",
    "QuotesmithError",
    "ModelError",
    "InputError",
    "pipelines_built",
    "find_model_dir",
    "MODEL_DIR_ENV",
]

#: The environment variable that names the transformer model folder.
MODEL_DIR_ENV: str = _quotesmith.MODEL_DIR_ENV

_BUNDLED = pathlib.Path(__file__).resolve().parent / "models" / "transformer"

PathLike = Union[str, "os.PathLike[str]"]


def find_model_dir(explicit: Optional[PathLike] = None) -> pathlib.Path:
    """The transformer model folder that a Pipeline uses.

    In order: ``explicit``, then ``$QUOTESMITH_MODEL_DIR``, then the model bundled in this
    package. The folder is not checked here: building a pipeline that needs the model raises
    ``ModelError`` naming the missing file and the variable.
    """
    if explicit is not None:
        return pathlib.Path(explicit)
    env = os.environ.get(MODEL_DIR_ENV)
    if env:
        return pathlib.Path(env)
    return _BUNDLED


def pipelines_built() -> int:
    """How many pipelines this process has built (each loads the lexicons and models once)."""
    return _quotesmith.pipelines_built()


def _threads(threads: Optional[int]) -> int:
    if threads is None:
        return os.cpu_count() or 1
    if threads < 1:
        raise ValueError("threads must be at least 1")
    return int(threads)


class Pipeline:
    """A loaded quotesmith pipeline: build it once, annotate many texts.

    Args:
        attribution: where quotes come from: ``"fast"`` (rules, the default, as the CLI's),
            ``"combined"`` (rules plus the transformer's claims) or ``"transformer"``.
        ner: the entity tagger: ``"fast"`` (built-in perceptron, the default) or
            ``"transformer"``.
        outlets: extra outlet gazetteer files that add to or override the built-in one.
        model_dir: the transformer model folder (see :func:`find_model_dir` for the search order).

    Raises:
        ModelError: an unknown mode, or a model or data file that is missing or invalid.

    The pipeline is thread-safe; :meth:`annotate_batch` and :meth:`annotate_jsonl` release the
    GIL and run on a pool of worker threads.
    """

    def __init__(
        self,
        attribution: str = "fast",
        ner: str = "fast",
        outlets: Sequence[PathLike] = (),
        model_dir: Optional[PathLike] = None,
    ) -> None:
        self.attribution = attribution
        self.ner = ner
        folder = find_model_dir(model_dir)
        self._native = _quotesmith.NativePipeline(
            attribution, ner, [os.fspath(p) for p in outlets], os.fspath(folder)
        )

    def __repr__(self) -> str:
        return f"quotesmith.Pipeline(attribution={self.attribution!r}, ner={self.ner!r})"

    def annotate(self, text: str, id: Optional[str] = None) -> Dict[str, Any]:
        """Annotates one text; returns its record (a dict, as one JSON line of ``extract``).

        Args:
            text: the article text.
            id: the record's ``id`` (default ``"0"``, its place in a batch of one).

        Raises:
            InputError: ``text`` is not a string, or a stage failed on it.
        """
        return json.loads(self._native.annotate_json(text, "0" if id is None else str(id)))

    def annotate_batch(
        self,
        texts: Sequence[str],
        ids: Optional[Sequence[str]] = None,
        threads: Optional[int] = None,
    ) -> List[Dict[str, Any]]:
        """Annotates texts in parallel, without holding the GIL; returns records in order.

        Args:
            texts: the article texts.
            ids: one id per text (default: the place in ``texts``, ``"0"``, ``"1"``, ...).
            threads: worker threads (default: all cores).

        A text that cannot be annotated (not a string, or a stage failed on it) gives an error
        record in its place, so ``result[i]`` always belongs to ``texts[i]``.
        """
        return [json.loads(s) for s in self._batch_json(texts, ids, threads, quote_rows=False)]

    def quote_rows(
        self,
        texts: Sequence[str],
        ids: Optional[Sequence[str]] = None,
        threads: Optional[int] = None,
    ) -> List[Union[List[Dict[str, Any]], Dict[str, Any]]]:
        """Like :meth:`annotate_batch`, but each annotation comes as its flat quote rows.

        A row has the columns of the Parquet/CSV quote rows (docs/parquet.md): ``doc_id``,
        ``quote_index``, ``text``, ``kind``, ``start``, ``end``, ``cue``, ``speaker_*``,
        ``outlet``, ``outlet_relation``, ``confidence``. A failed text gives its error record.
        """
        return [json.loads(s) for s in self._batch_json(texts, ids, threads, quote_rows=True)]

    def _batch_json(self, texts, ids, threads, quote_rows: bool) -> List[str]:
        texts = list(texts)
        ids = [str(i) for i in range(len(texts))] if ids is None else [str(i) for i in ids]
        return self._native.annotate_batch_json(texts, ids, _threads(threads), quote_rows)

    def annotate_jsonl(
        self,
        in_path: Union[PathLike, Iterable[PathLike]],
        out_path: PathLike,
        *,
        resume: bool = False,
        threads: Optional[int] = None,
        id_field: str = "id",
        text_field: str = "text",
        fields: Optional[str] = None,
    ) -> Dict[str, int]:
        """Streams files through the pipeline into a JSON Lines file, as ``quotesmith extract -o``.

        Args:
            in_path: a file or folder (JSON Lines or text, plain, ``.gz`` or ``.zst``), or
                several.
            out_path: the JSON Lines output, one record per input record, in input order.
            resume: continue an interrupted run: keep the records already in ``out_path``
                and skip their ids.
            threads: worker threads (default: all cores).
            id_field, text_field: the input fields (keys or dotted paths).
            fields: the arrays to write, comma-separated (default: all).

        Returns:
            ``{"documents", "errors", "quotes", "skipped"}`` counts.

        Bad records become error records in the output. Ctrl-C raises ``KeyboardInterrupt``
        between batches; the records written by then are complete, and ``resume=True``
        continues the run.
        """
        if isinstance(in_path, (str, os.PathLike)):
            inputs = [os.fspath(in_path)]
        else:
            inputs = [os.fspath(p) for p in in_path]
        return self._native.annotate_jsonl(
            inputs, os.fspath(out_path), resume, _threads(threads), id_field, text_field, fields
        )
