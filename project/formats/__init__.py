"""Per-language formats (settings.FORMAT_MODULE_PATH): Django's own for everything else, and the
dates of UN documents (UN_*, read by lib/dates.py) in the syntax of Django's date filter."""
