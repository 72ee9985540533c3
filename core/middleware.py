from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import RequestDataTooBig
from django.http import HttpResponse, JsonResponse
from django.middleware.locale import LocaleMiddleware
from django.utils import translation

from .api_docs import is_api_docs_view


class DutchFirstLocaleMiddleware(LocaleMiddleware):
    """Dutch unless the user chose another language with the switch in the footer.

    Django's LocaleMiddleware would follow the browser's Accept-Language, so a
    Dutch professional on an English-language laptop would get English pages.
    """

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class ApiDocsLoginMiddleware:
    """An anonymous browser on /api/docs/ or /api/schema/ is sent to the login page, not answered 403.

    A client that sends credentials of its own (an Authorization header, e.g. a
    token) still gets the API's own answer.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if (
            is_api_docs_view(view_func)
            and not request.user.is_authenticated
            and "HTTP_AUTHORIZATION" not in request.META
        ):
            return redirect_to_login(request.get_full_path())
        return None


class RequestSizeLimitMiddleware:
    """A request body past the documented maximum is answered 413 before anything reads it.

    The maximum is DATA_UPLOAD_MAX_MEMORY_SIZE for forms and JSON, REQUEST_MAX_BYTES for a file
    upload (multipart; by default ATTACHMENT_MAX_BYTES and DATA_UPLOAD_MAX_MEMORY_SIZE together).
    Django would answer a too-large form 400 only once a view reads it, and DRF reads a JSON body
    without any limit. Set the proxy's cap to the same (README, runbook).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > request_max_bytes(request):
            return self._too_large(request)
        if request.method == "POST" and request.META.get("CONTENT_TYPE", "").startswith("multipart/"):
            # A form's fields past DATA_UPLOAD_MAX_MEMORY_SIZE beside a file: found only while parsing,
            # which would otherwise happen in the CSRF check or the view and answer 400.
            try:
                request.POST  # noqa: B018 - parsed once here; Django keeps the result
            except RequestDataTooBig:
                return self._too_large(request)
        return self.get_response(request)

    @staticmethod
    def _too_large(request):
        message = translation.gettext("This request is too large.")
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": message}, status=413)
        return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")


def request_max_bytes(request):
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    if limit is None:
        return float("inf")
    if request.META.get("CONTENT_TYPE", "").startswith("multipart/"):
        return settings.REQUEST_MAX_BYTES
    return limit
