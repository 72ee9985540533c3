"""The OpenAPI schema stays valid and warning-free, so generated clients keep working."""

from django.core.management import call_command


def test_openapi_schema_is_valid_without_warnings(tmp_path):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yml"))
    schema = (tmp_path / "schema.yml").read_text()
    for path in ["/api/signals/", "/api/cases/{id}/notes/", "/api/actions/{id}/complete/", "/api/reviews/{id}/record/"]:
        assert path in schema
