"""The ASGI entry point uvicorn imports in each worker: settings come from the environment."""

from gateway.app import create_app
from gateway.settings import Settings
from resolvers.core.identity import use_password_profile

settings = Settings.from_env()
use_password_profile(settings.argon2_profile)
app = create_app(settings)
