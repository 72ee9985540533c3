"""The API's documentation pages (drf-spectacular's schema, Swagger UI and Redoc views)."""

from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

_DOCS_VIEWS = (SpectacularAPIView, SpectacularSwaggerView, SpectacularRedocView)
# Pages drf-spectacular renders with inline <script> and <style> blocks of its own.
_INLINE_BLOCK_VIEWS = (SpectacularSwaggerView, SpectacularRedocView)


def _view_class(view_func):
    return getattr(view_func, "cls", None) or getattr(view_func, "view_class", None)


def is_api_docs_view(view_func):
    view_class = _view_class(view_func)
    return view_class is not None and issubclass(view_class, _DOCS_VIEWS)


def has_own_inline_blocks(view_func):
    view_class = _view_class(view_func)
    return view_class is not None and issubclass(view_class, _INLINE_BLOCK_VIEWS)
