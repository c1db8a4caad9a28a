"""Nearest-station dispatch on a road network: clause 4.4.1 of the Wuhan 2021 plan made concrete.

``load_graphml`` and ``load_stations`` read the data, ``PreparedNetwork`` computes every station's
drive times once, ``plan`` picks units for one incident, ``allocate`` shares units between several
incidents, and ``order`` renders the result for the radio or a CAD system.
"""
