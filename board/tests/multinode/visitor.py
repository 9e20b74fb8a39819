"""A browser-like HTTP client for the multi-node tests: real HTTP (requests), one cookie jar
for the whole host, and the Origin and Referer headers a browser sends with a form.

Browsers keep cookies per host, not per port, so a cookie set by node A goes to node B
and to nginx as well, exactly as it would when both nodes sit behind one site name.
The nodes run production settings, so their cookies are `Secure`; this client sends
them over the test's plain HTTP anyway (as browsers do for localhost).
"""

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import requests
from requests.adapters import HTTPAdapter

TIMEOUT = 15


class Visitor:
    """as_site=True: requests sent straight to a node carry the site's Host (nginx's), as
    nginx forwards them; otherwise each node is a site of its own (127.0.0.1:<port>)."""

    def __init__(self, cluster, as_site=False, address=None):
        self.cluster = cluster
        self.as_site = as_site
        self.http = requests.Session()  # its jar stores every cookie the nodes set
        if address:  # another loopback address (127.0.0.2...): another client for nginx
            self.http.mount("http://", _FromAddress(address))

    def cookie(self, name):
        return self.http.cookies.get(name)

    def _cookie_header(self):
        # Written by hand: requests leaves out `Secure` cookies on http:// URLs.
        cookies = {"Cookie": "; ".join(f"{c.name}={c.value}" for c in self.http.cookies)}
        if self.as_site:
            cookies["Host"] = urlsplit(self.cluster.lb).netloc
        return cookies

    def get(self, where, path, **kwargs):
        kwargs.setdefault("allow_redirects", False)
        headers = {**self._cookie_header(), **kwargs.pop("headers", {})}
        url = self.cluster.url(where, path)
        return self.http.get(url, headers=headers, timeout=TIMEOUT, **kwargs)

    def head(self, where, path):
        url = self.cluster.url(where, path)
        return self.http.head(url, headers=self._cookie_header(), timeout=TIMEOUT)

    def post(self, where, path, data, files=None, *, page=None, **kwargs):
        """POST as the form on `page` (a path on the same node) would: with that node's
        Origin and Referer. Nothing is added to `data`: CSRF tokens come from a form."""
        base = self.cluster.url(where, "")
        site = self.cluster.lb if self.as_site else base
        headers = {
            **self._cookie_header(),
            "Origin": site,
            "Referer": site + (page or path),
            **kwargs.pop("headers", {}),
        }
        return self.http.post(
            base + path,
            data=data,
            files=files,
            headers=headers,
            allow_redirects=False,
            timeout=TIMEOUT,
            **kwargs,
        )

    def form(self, where, path, action=None):
        """The fields of the page's form posting to `action` (default: the first form
        with a CSRF token), as a browser would submit them untouched."""
        response = self.get(where, path)
        assert response.status_code == 200, (path, response.status_code)
        forms = parse_forms(response.text)
        for form in forms:
            if action is None and "csrfmiddlewaretoken" in form["fields"]:
                return form["fields"]
            if action is not None and form["action"] == action:
                return form["fields"]
        raise AssertionError(f"no form {action or 'with a CSRF token'} on {path}")

    def sign_in(self, where, email, password):
        fields = self.form(where, "/accounts/login/", action="/accounts/login/")
        fields.update(login=email, password=password)
        response = self.post(where, "/accounts/login/", fields)
        assert response.status_code == 302, sign_in_error(response)
        return response


class _FromAddress(HTTPAdapter):
    def __init__(self, address):
        self.address = address
        super().__init__()

    def init_poolmanager(self, *args, **kwargs):
        super().init_poolmanager(*args, source_address=(self.address, 0), **kwargs)


def sign_in_error(response):
    return f"sign-in answered {response.status_code}: {errors_of(response.text)}"


def errors_of(html):
    """The texts of a page's form errors, to explain a failed assertion."""
    found = re.findall(r'class="[^"]*(?:invalid-feedback|alert)[^"]*"[^>]*>(.*?)</', html, re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", text).split()) for text in found]


class _FormParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.forms, self._select, self._textarea = [], None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append({"action": attrs.get("action", ""), "fields": {}})
            return
        if not self.forms:
            return
        fields = self.forms[-1]["fields"]
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                fields.setdefault(name, None)
            elif kind not in ("file", "submit", "button"):
                fields[name] = attrs.get("value", "on" if kind == "checkbox" else "")
        elif tag == "select" and name:
            self._select = name
            fields[name] = None
        elif tag == "option" and self._select:
            if fields[self._select] is None or "selected" in attrs:
                fields[self._select] = attrs.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            fields[name] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea and self.forms:
            fields = self.forms[-1]["fields"]
            # The one newline after <textarea> is not part of the value.
            value = fields[self._textarea] + data
            fields[self._textarea] = value[1:] if value.startswith("\n") else value


def parse_forms(html):
    parser = _FormParser()
    parser.feed(html)
    for form in parser.forms:
        form["fields"] = {k: v for k, v in form["fields"].items() if v is not None}
    return parser.forms
