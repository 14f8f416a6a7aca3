"""HTTP API over the event store: ``polex.api.app.create_app(db_path)`` builds the FastAPI
app and ``polex serve`` runs it with uvicorn. Importing this package loads no web framework,
so the command line stays quick to start."""
