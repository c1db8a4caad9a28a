"""The web server behind ``firedrill serve``: textual-serve with a token, a session limit and reachable URLs.

Kept apart from the engine and the console: it may import textual-serve and aiohttp, and nothing in
the engine imports it.
"""
