"""Batch runs over folders: local processes, the Dask engine, and DataFrames for notebooks."""
