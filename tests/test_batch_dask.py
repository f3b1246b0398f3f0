"""The Dask engine gives the local engine's tables, as partitioned Parquet, on a two-worker LocalCluster."""

from __future__ import annotations

import pandas as pd
import pytest

from bulletin_extract.batch.local import BatchError, BatchOptions, run_local
from bulletin_extract.io.tables import documents_path

pytest.importorskip("dask.bag")
distributed = pytest.importorskip("distributed")

# Reuse the generated corpus and messy folder of the local engine's tests, so both engines see the same inputs.
from test_batch import _messy_folder, _write_corpus  # noqa: E402

OPTIONS = BatchOptions(entities=False, chunk_docs=3)


def _cluster() -> distributed.LocalCluster:
    # Threads in this process keep the test quick; the engine code is the same with process workers.
    return distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None)


def _frames(out) -> tuple[pd.DataFrame, pd.DataFrame]:
    return pd.read_parquet(out), pd.read_parquet(documents_path(out))


def test_batch_dask_matches_the_local_engine(tmp_path):
    from bulletin_extract.batch.dask import run_dask

    src = tmp_path / "in"
    _write_corpus(src, 20)
    _messy_folder(src / "messy")
    local = run_local(src, tmp_path / "local.parquet", OPTIONS, jobs=1)
    with _cluster() as cluster:
        result = run_dask(src, tmp_path / "dask.parquet", OPTIONS, scheduler=cluster.scheduler_address)
    assert (tmp_path / "dask.parquet").is_dir() and len(list((tmp_path / "dask.parquet").glob("part-*.parquet"))) > 5
    m_local, d_local = _frames(tmp_path / "local.parquet")
    m_dask, d_dask = _frames(tmp_path / "dask.parquet")
    pd.testing.assert_frame_equal(m_dask, m_local)
    pd.testing.assert_frame_equal(d_dask, d_local)
    assert (result.documents, result.errors, result.mentions) == (local.documents, local.errors, local.mentions)


def test_batch_dask_resume_redoes_only_missing_parts(tmp_path):
    from bulletin_extract.batch.dask import run_dask

    src = _write_corpus(tmp_path / "in", 15)
    out = tmp_path / "dask.parquet"
    with _cluster() as cluster:
        run_dask(src, out, OPTIONS, scheduler=cluster.scheduler_address)
        before = _frames(out)
        # An interrupted run: the last chunks never wrote their parts.
        for name in ("part-000003.parquet", "part-000004.parquet"):
            documents_path(out).joinpath(name).unlink()
        (out / "part-000004.parquet").unlink()
        result = run_dask(src, out, OPTIONS, scheduler=cluster.scheduler_address, resume=True)
    assert (result.chunks, result.resumed_chunks) == (5, 3)
    after = _frames(out)
    pd.testing.assert_frame_equal(after[0], before[0])
    pd.testing.assert_frame_equal(after[1], before[1])


def test_batch_dask_needs_a_parquet_output(tmp_path):
    from bulletin_extract.batch.dask import run_dask

    src = _write_corpus(tmp_path / "in", 1)
    with pytest.raises(BatchError, match="partitioned Parquet"):
        run_dask(src, tmp_path / "out.csv", OPTIONS, scheduler="tcp://127.0.0.1:1")
