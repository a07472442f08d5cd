"""How the site is assembled and served: settings, URLs, WSGI, the environment it reads,
request middleware and API authentication."""
