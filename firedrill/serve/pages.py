"""The small pages ``firedrill serve`` shows before the console: the token form, a full server, a refusal.

Chinese first, English beside; every text from ``labels.yaml``. Nothing a request carries is echoed.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from firedrill.i18n import LabelBook
from firedrill.serve.access import QUERY_KEY

BOOK = LabelBook(Path(__file__).with_name("labels.yaml"))
STYLE = (
    "body{background:#0c181f;color:#f2f2f2;font-family:sans-serif;display:flex;justify-content:center;"
    "margin-top:15vh}main{max-width:36em}input,button{font-size:1.1em;padding:.3em .6em;margin:.3em 0}"
    ".error{color:#ff8a80}"
)


def both(key: str, **values: object) -> str:
    """One label as Chinese, then English, each HTML-escaped."""
    text = BOOK.label("page", key)
    return f'<p lang="zh">{escape(text.zh.format(**values))}</p><p lang="en">{escape(text.en.format(**values))}</p>'


def page(body: str) -> str:
    heading = BOOK.label("page", "heading")
    title = escape(f"{heading.zh} / {heading.en}")
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title>'
        f"<style>{STYLE}</style></head><body><main><h1>{title}</h1>{body}</main></body></html>"
    )


def token_form(wrong: bool) -> str:
    """The form that asks for the token; it submits to the page's own address."""
    label = BOOK.label("page", "token")
    enter = BOOK.label("page", "enter")
    note = f'<div class="error">{both("wrong")}</div>' if wrong else ""
    form = (
        f'<form method="get" action=""><label>{escape(label.zh)} / {escape(label.en)} '
        f'<input name="{QUERY_KEY}" type="password" autocomplete="off" autofocus required></label> '
        f'<button type="submit">{escape(enter.zh)} / {escape(enter.en)}</button></form>'
    )
    return page(note + both("ask") + form)


def full(limit: int) -> str:
    retry = BOOK.label("page", "retry")
    return page(both("full", limit=limit) + f'<p><a href="">{escape(retry.zh)} / {escape(retry.en)}</a></p>')


def refusal(key: str) -> str:
    return page(both(key))


def plain(key: str, **values: object) -> str:
    """A label as one line of plain text (for a refused websocket, which shows no page)."""
    text = BOOK.label("page", key)
    return f"{text.zh.format(**values)} / {text.en.format(**values)}"
