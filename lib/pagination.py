from django.utils.translation import gettext_lazy as _
from rest_framework import pagination
from rest_framework.exceptions import ValidationError

from lib.filtering import single_query_values
from lib.params import whole_number

MAX_OFFSET = 2**31 - 1


class Pagination(pagination.LimitOffsetPagination):
    """Pages of at most 200 rows, so that no `limit` overflows the database. A limit or an
    offset that is not a whole number in range is a 400, as the schema states."""

    max_limit = 200

    def get_limit(self, request):
        return self._number(request, self.limit_query_param, 1, self.max_limit,
                            self.default_limit)

    def get_offset(self, request):
        return self._number(request, self.offset_query_param, 0, MAX_OFFSET, 0)

    def _number(self, request, name, minimum, maximum, default):
        single_query_values(request)
        value = request.query_params.get(name, "")
        if value == "":  # an empty value is as if not given, as for the filters
            return default
        number = whole_number(value, minimum, maximum)
        if number is None:
            raise ValidationError({name: [
                _("Give a whole number from %(minimum)s to %(maximum)s.")
                % {"minimum": minimum, "maximum": maximum}]})
        return number

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        bounds = {self.limit_query_param: (1, self.max_limit),
                  self.offset_query_param: (0, MAX_OFFSET)}
        for parameter in parameters:
            minimum, maximum = bounds[parameter["name"]]
            parameter["schema"].update(minimum=minimum, maximum=maximum)
        return parameters
