"""Helpers shared by every app and owned by none: money, dates and numbering in each language,
PDF rendering, caching of public pages, forms and pagination, spreadsheet exports, the generic
editing service and the record rules. Nothing here imports a domain app."""
