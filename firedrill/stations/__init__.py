"""Nearest-station dispatch on a road network: clauses 4.4.1–4.4.3 of the Wuhan 2021 plan made concrete.

``network.configured`` gives the user's network (or the sample) from its compiled cache,
``PreparedNetwork`` places the stations on it, ``plan`` picks units for one incident by one search
from the scene, ``allocate`` shares units between several incidents, ``order`` renders the result
for the radio or a CAD system, and ``map_svg``/``map_text`` draw it.
"""
