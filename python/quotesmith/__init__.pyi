"""Type stubs of the quotesmith package (see the docstrings in __init__.py)."""

import os
import pathlib
from typing import Any, Dict, Iterable, List, Optional, Sequence, Union

PathLike = Union[str, os.PathLike[str]]
Record = Dict[str, Any]

MODEL_DIR_ENV: str

class QuotesmithError(Exception):
    """Base class of quotesmith's errors."""

class ModelError(QuotesmithError):
    """A model or data file is missing or invalid, or the settings are inconsistent."""

class InputError(QuotesmithError):
    """An input could not be read or annotated."""

def find_model_dir(explicit: Optional[PathLike] = None) -> pathlib.Path: ...
def pipelines_built() -> int: ...

class Pipeline:
    attribution: str
    ner: str
    def __init__(
        self,
        attribution: str = "fast",
        ner: str = "fast",
        outlets: Sequence[PathLike] = (),
        model_dir: Optional[PathLike] = None,
    ) -> None: ...
    def annotate(self, text: str, id: Optional[str] = None) -> Record: ...
    def annotate_batch(
        self,
        texts: Sequence[str],
        ids: Optional[Sequence[str]] = None,
        threads: Optional[int] = None,
    ) -> List[Record]: ...
    def quote_rows(
        self,
        texts: Sequence[str],
        ids: Optional[Sequence[str]] = None,
        threads: Optional[int] = None,
    ) -> List[Union[List[Record], Record]]: ...
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
    ) -> Dict[str, int]: ...
