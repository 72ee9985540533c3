from django.conf import settings
from django.contrib.auth.views import redirect_to_login
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
