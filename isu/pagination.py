from rest_framework import pagination


class Pagination(pagination.LimitOffsetPagination):
    """Pages of at most 200 rows, so that no `limit` overflows the database."""

    max_limit = 200
