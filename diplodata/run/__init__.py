"""Running the pipeline: its stages, state store, worker processes, crash points, Prefect server."""
