"""The OpenAPI schema states the errors the API answers with, so that clients (and the
schemathesis checks in the test suite) can rely on it."""

from drf_spectacular import openapi
from drf_spectacular.authentication import SessionScheme
from rest_framework.permissions import AllowAny

NO_NUL = "^[^\\u0000]*$"
ERROR_BODY = {
    "application/json": {"schema": {
        "type": "object",
        "properties": {"detail": {"type": "string"}},
        "additionalProperties": {"type": "array", "items": {"type": "string"}},
        "description": "What was wrong: `detail`, or the messages of each parameter.",
    }},
}


class VerifiedSessionScheme(SessionScheme):
    target_class = "isu.auth.VerifiedSessionAuthentication"


class AutoSchema(openapi.AutoSchema):
    def get_operation(self, *args, **kwargs):
        operation = super().get_operation(*args, **kwargs)
        if operation is None:
            return None
        parameters = operation.get("parameters", [])
        for parameter in parameters:
            if parameter["in"] == "query" and not parameter.get("required"):
                parameter["allowEmptyValue"] = True  # an empty value is as if not given
            schema = parameter["schema"]
            if schema.get("type") == "string" and not ({"enum", "pattern"} & set(schema)):
                schema["pattern"] = NO_NUL  # project.middleware refuses NUL characters (400)
        where = {parameter["in"] for parameter in parameters}
        errors = {}
        if "query" in where:
            errors["400"] = "A query parameter is not valid, or is given more than once."
        if operation.get("security"):
            errors["401"] = "The credentials given are not valid, or are required."
        if any(not isinstance(permission, AllowAny) for permission in
               self.view.get_permissions()):
            errors["403"] = "The user may not see this."
        if "path" in where:
            errors["404"] = "No such row, or not one the user may see."
        for code, description in errors.items():
            operation["responses"].setdefault(code, {"description": description,
                                                     "content": ERROR_BODY})
        return operation
