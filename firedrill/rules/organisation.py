"""Chapter 2's command structure as a networkx graph.

Nodes are bodies (指挥部, 办公室, 现场指挥部), the seven groups and their member units; edges point
from a subordinate to whom it reports ("reports_to") and from a unit to its group ("member_of").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import networkx as nx

from firedrill.models import Text
from firedrill.rules.loader import Rulebook, load_rulebook

FIELD_HQ = "field_headquarters"


@dataclass(frozen=True)
class UnitRole:
    """Where a unit sits: its group, the group's clause, its duty and the plan's words."""

    unit: Text
    group_id: str
    group: Text
    clause: str
    duty: Text
    quote: str


def _unit_node(name: str) -> str:
    return f"unit:{name}"


@cache
def command_graph(rulebook: Rulebook | None = None) -> nx.DiGraph:
    rulebook = rulebook or load_rulebook()
    graph = nx.DiGraph()
    org = rulebook.organisation
    for body in org.bodies:
        graph.add_node(body.id, kind="body", name=body.name, clause=body.clause, duty=body.duty, quote=body.quote)
        if body.reports_to:
            graph.add_edge(body.id, body.reports_to, relation="reports_to")
    for group in org.groups:
        graph.add_node(group.id, kind="group", name=group.name, clause=group.clause, quote=group.quote)
        graph.add_edge(group.id, FIELD_HQ, relation="reports_to")
        for member in group.members:
            node = _unit_node(member.unit.zh)
            graph.add_node(node, kind="unit", name=member.unit)
            graph.add_edge(node, group.id, relation="member_of", duty=member.duty, quote=member.quote)
    return graph


def _matches(query: str, name: Text) -> bool:
    q = query.strip().lower()
    return q in (name.zh.lower(), name.en.lower()) or (len(q) >= 2 and (q in name.zh or q in name.en.lower()))


def find_unit(query: str, rulebook: Rulebook | None = None) -> list[UnitRole]:
    """Every group a unit belongs to, matching Chinese or English names (exact or contained)."""
    graph = command_graph(rulebook)
    roles = []
    for node, data in graph.nodes(data=True):
        if data["kind"] != "unit" or not _matches(query, data["name"]):
            continue
        for _, group_id, edge in graph.out_edges(node, data=True):
            group = graph.nodes[group_id]
            roles.append(UnitRole(data["name"], group_id, group["name"], group["clause"], edge["duty"], edge["quote"]))
    return roles


def chain_of_command(node: str, rulebook: Rulebook | None = None) -> list[str]:
    """The node and everyone above it, following reports_to/member_of edges to the top."""
    graph = command_graph(rulebook)
    if node not in graph:
        raise KeyError(node)
    chain = [node]
    while True:
        upward = list(graph.successors(chain[-1]))
        if not upward:
            return chain
        chain.append(upward[0])


def name_of(node: str, rulebook: Rulebook | None = None) -> Text:
    name: Text = command_graph(rulebook).nodes[node]["name"]
    return name
