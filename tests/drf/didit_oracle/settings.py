"""The smallest Django project that serves Didit's two update-status views."""

SECRET_KEY = "oracle-only"
DEBUG = False
ALLOWED_HOSTS = ["testserver"]
ROOT_URLCONF = "didit_oracle.urls"
INSTALLED_APPS = ["django.contrib.contenttypes", "django.contrib.auth", "rest_framework"]
MIDDLEWARE = []
DATABASES = {}
USE_TZ = True

REST_FRAMEWORK = {
    # Authentication is Didit's own view logic (403, never 401): outside the oracle.
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": [],
    "UNAUTHENTICATED_USER": None,
    # The seed documents JSON bodies only: JSON is the one parser, so any other media
    # type is DRF's 415.
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # Didit quotes nested item errors as a list with `{}` for valid items
    # (`{"nodes_to_resubmit": [{}, {"feature": [...]}]}`): DRF's shape before 3.18,
    # kept in 3.18 by this setting (3.18 made the index-keyed dict the default).
    "LIST_SERIALIZER_ERRORS_AS_DICT": False,
}
