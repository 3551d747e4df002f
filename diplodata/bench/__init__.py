"""Benchmarks: throughput, start-up, scale, the state store, Prefect and Dask overhead."""
