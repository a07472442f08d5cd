"""Reading a form as a browser would post it, for view tests without JavaScript."""

from html.parser import HTMLParser


class FormReader(HTMLParser):
    """The values a browser would post from the first form of a page part: its named inputs
    (not its submit buttons), its textareas, and each select's chosen option (else its first)."""

    def __init__(self):
        super().__init__()
        self.data, self.select, self.textarea, self.first_option = {}, None, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("name") and attrs.get("type") not in ("submit",):
            self.data[attrs["name"]] = attrs.get("value") or ""
        elif tag == "textarea":
            self.textarea, self.data[attrs["name"]] = attrs["name"], ""
        elif tag == "select":
            self.select, self.first_option = attrs["name"], True
        elif tag == "option" and self.select:
            if self.first_option or "selected" in attrs:
                self.data[self.select] = attrs.get("value", "")
            self.first_option = False

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, data):
        if self.textarea:
            self.data[self.textarea] += data.removeprefix("\n")


def posted_values(html):
    """What a browser would post from the form in this part of a page."""
    reader = FormReader()
    reader.feed(html)
    return reader.data
