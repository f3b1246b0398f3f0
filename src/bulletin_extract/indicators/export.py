"""Writing a panel: Parquet, CSV that Excel opens (UTF-8 with BOM), .xlsx, and Stata .dta for Stata and R."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import BulletinExtractError

if TYPE_CHECKING:
    import pandas as pd

PANEL_FORMATS = (".parquet", ".csv", ".xlsx", ".dta")


class PanelFormatError(BulletinExtractError):
    """The panel's output name does not end in a format the panel can be written as."""


def _stata(df: pd.DataFrame) -> pd.DataFrame:
    """Stata has no missing strings and no booleans: empty strings and 0/1."""
    out: pd.DataFrame = df.copy()
    for col in out.columns:
        if out[col].dtype == bool:
            out[col] = out[col].astype("int8")
        elif out[col].dtype == object:
            out[col] = out[col].fillna("").astype(str)
    return out


def write_panel(df: pd.DataFrame, path: Path) -> None:
    """Write *df* to *path* in the format its suffix names; a reader never sees a half-written file."""
    suffix = path.suffix.lower()
    if suffix not in PANEL_FORMATS:
        raise PanelFormatError(f"{path}: a panel is written as {', '.join(PANEL_FORMATS)}, not {suffix or 'no suffix'}")
    if path.parent and not path.parent.is_dir():
        raise PanelFormatError(f"{path}: the folder {path.parent} does not exist")
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    if suffix == ".parquet":
        df.to_parquet(tmp, index=False)
    elif suffix == ".csv":
        df.to_csv(tmp, index=False, encoding="utf-8-sig")
    elif suffix == ".xlsx":
        try:
            df.to_excel(tmp, index=False, engine="openpyxl")
        except ImportError as exc:
            raise PanelFormatError("writing .xlsx needs openpyxl: pip install openpyxl") from exc
    else:
        _stata(df).to_stata(tmp, write_index=False, version=118)
    tmp.replace(path)
