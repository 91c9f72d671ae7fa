"""The ASGI entry point uvicorn imports in each worker: settings come from the environment."""

from gateway.app import create_app
from gateway.settings import Settings

app = create_app(Settings.from_env())
