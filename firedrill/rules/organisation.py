"""Chapter 2's command structure, and the units 4.2 notifies, as a networkx graph.

Nodes (``kind``): the bodies (``body``: 市人民政府, 指挥部, 指挥部办公室, 现场指挥部), their posts
(``post``: 指挥长, 副指挥长, 主任, who commands the scene and who may take over coordination), the
seven groups of 2.4 (``group``) and every unit the chapter names (``unit``). A unit bearing a body's
name (市人民政府) is that body's node. Edges (a MultiDiGraph: one unit may hold two posts of one body):

- ``reports_to``: body → the body above it; group → the field headquarters
- ``post_of``: post → its body
- ``holds``: unit → post (which of its people, on what condition, the plan's list it is named in)
- ``member_of``: unit → group (its duty)
- ``seat``: unit → body (2.2: where the office sits)
- ``notified_by``: unit → body (4.2: 通报)

Every role edge carries its clause and the plan's words; ``open`` keeps the plan's 等.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

import networkx as nx

from firedrill.models import Text
from firedrill.rules.loader import Rulebook, load_rulebook
from firedrill.rules.schema import Body

FIELD_HQ = "field_headquarters"
UPWARD = frozenset({"reports_to", "member_of", "post_of"})
ROLE_EDGES = frozenset({"holds", "member_of", "seat", "notified_by"})
SEAT = Text(zh="办公所在", en="Seat of the office")


@dataclass(frozen=True)
class UnitRole:
    """One role of a unit: what it is (a post, a group's member, a seat, notified), where, and the plan's words.

    ``of`` is the node the role sits in (a body or a group); ``listed_with`` is the plan's list the
    unit is named in, ``open`` whether that list ends in 等.
    """

    unit: Text
    kind: str  # body | post | seat | member | notified
    role: Text
    of: str
    of_name: Text
    clause: str
    duties: tuple[Text, ...]
    quote: str
    person: Text | None = None
    condition: Text | None = None
    listed_with: tuple[Text, ...] = ()
    open: bool = False


def _unit_node(name: Text, bodies: dict[str, Body]) -> str:
    body = bodies.get(name.zh)
    return body.id if body is not None else f"unit:{name.zh}"


def _post_node(body_id: str, post_id: str) -> str:
    return f"post:{body_id}.{post_id}"


@cache
def command_graph(rulebook: Rulebook | None = None) -> nx.MultiDiGraph:
    rulebook = rulebook or load_rulebook()
    graph = nx.MultiDiGraph()
    org = rulebook.organisation
    bodies = {b.name.zh: b for b in org.bodies}

    def unit(name: Text) -> str:
        node = _unit_node(name, bodies)
        if node not in graph:
            graph.add_node(node, kind="unit", name=name)
        return node

    for body in org.bodies:
        graph.add_node(
            body.id, kind="body", name=body.name, short_name=body.short_name, clause=body.clause,
            duties=tuple(d.text for d in body.duties), condition=body.condition, quote=body.quote,
        )  # fmt: skip
    for body in org.bodies:
        if body.reports_to:
            graph.add_edge(body.id, body.reports_to, relation="reports_to")
        for post in body.posts:
            node = _post_node(body.id, post.id)
            graph.add_node(node, kind="post", name=post.title, clause=post.clause, body=body.id)
            graph.add_edge(node, body.id, relation="post_of")
            for holder in post.holders:
                for name in holder.units:
                    graph.add_edge(
                        unit(name), node, relation="holds", clause=post.clause, person=holder.person,
                        condition=holder.condition, listed_with=holder.units, open=holder.open, quote=holder.quote,
                    )  # fmt: skip
        if body.seat is not None:
            seat = body.seat
            names = (seat.unit,) + ((seat.also,) if seat.also is not None else ())
            for name in names:
                graph.add_edge(
                    unit(name),
                    body.id,
                    relation="seat",
                    clause=body.clause,
                    listed_with=names,
                    open=False,
                    quote=seat.quote,
                )
    for group in org.groups:
        graph.add_node(group.id, kind="group", name=group.name, clause=group.clause, open=group.open, quote=group.quote)
        graph.add_edge(group.id, FIELD_HQ, relation="reports_to")
        listed = tuple(m.unit for m in group.members)
        for member in group.members:
            graph.add_edge(
                unit(member.unit), group.id, relation="member_of", clause=group.clause, duty=member.duty,
                listed_with=listed, open=group.open, quote=member.quote,
            )  # fmt: skip
    for note in org.notifications:
        for name in note.units:
            graph.add_edge(
                unit(name), note.by, relation="notified_by", clause=note.clause, action=note.action,
                listed_with=note.units, open=note.open, quote=note.quote,
            )  # fmt: skip
    return graph


def _names(data: dict[str, Any]) -> list[Text]:
    return [data["name"], *([data["short_name"]] if data.get("short_name") else [])]


def _exact(query: str, name: Text) -> bool:
    q = query.strip()
    return q == name.zh or q.lower() == name.en.lower()


def _contains(query: str, name: Text) -> bool:
    q = query.strip()
    return len(q) >= 2 and (q in name.zh or q.lower() in name.en.lower())


def _named_nodes(graph: nx.MultiDiGraph) -> list[tuple[str, dict[str, Any]]]:
    return [(n, d) for n, d in graph.nodes(data=True) if d["kind"] in ("unit", "body")]


def _roles_of(graph: nx.MultiDiGraph, node: str, data: dict[str, Any]) -> list[UnitRole]:
    name: Text = data["name"]
    roles = []
    if data["kind"] == "body":
        roles.append(
            UnitRole(name, "body", name, node, name, data["clause"], data["duties"], data["quote"],
                     condition=data["condition"])
        )  # fmt: skip
    for _, target, edge in graph.out_edges(node, data=True):
        relation = edge["relation"]
        if relation not in ROLE_EDGES:
            continue
        common = {"listed_with": edge["listed_with"], "open": edge["open"]}
        target_data = graph.nodes[target]
        if relation == "holds":
            body = target_data["body"]
            role = UnitRole(name, "post", target_data["name"], body, graph.nodes[body]["name"], edge["clause"], (),
                            edge["quote"], person=edge["person"], condition=edge["condition"], **common)  # fmt: skip
        elif relation == "member_of":
            role = UnitRole(name, "member", target_data["name"], target, target_data["name"], edge["clause"],
                            (edge["duty"],), edge["quote"], **common)  # fmt: skip
        elif relation == "seat":
            role = UnitRole(name, "seat", SEAT, target, target_data["name"], edge["clause"], (), edge["quote"],
                            **common)  # fmt: skip
        else:
            role = UnitRole(name, "notified", edge["action"], target, target_data["name"], edge["clause"], (),
                            edge["quote"], **common)  # fmt: skip
        roles.append(role)
    # the body itself first, then by clause in the plan's order (stable within a clause)
    return sorted(roles, key=lambda r: (r.kind != "body", [int(p) for p in re.findall(r"\d+", r.clause)]))


def find_unit(query: str, rulebook: Rulebook | None = None) -> list[UnitRole]:
    """Every role of the units (or bodies) named ``query``, Chinese or English.

    Exact names win; only when none is exact are names containing the query (two characters or
    more) taken.
    """
    graph = command_graph(rulebook)
    named = _named_nodes(graph)
    hits = [(n, d) for n, d in named if any(_exact(query, name) for name in _names(d))]
    if not hits:
        hits = [(n, d) for n, d in named if any(_contains(query, name) for name in _names(d))]
    return [role for node, data in hits for role in _roles_of(graph, node, data)]


def unit_names(rulebook: Rulebook | None = None) -> list[Text]:
    """Every unit and body named in chapter 2 (and the units 4.2 notifies), in graph order."""
    return [d["name"] for _, d in _named_nodes(command_graph(rulebook))]


def close_matches(query: str, rulebook: Rulebook | None = None, n: int = 3) -> list[str]:
    """Names near ``query`` for a suggestion (Chinese as written, English lower-cased for comparison)."""
    names = unit_names(rulebook)
    by_key = {name.zh: name.zh for name in names} | {name.en.lower(): name.en for name in names}
    found = difflib.get_close_matches(query.strip().lower() if query.isascii() else query.strip(), by_key, n, 0.3)
    return [by_key[k] for k in found]


def chain_of_command(node: str, rulebook: Rulebook | None = None) -> list[str]:
    """The node and everyone above it, following reports_to/member_of/post_of edges to the top."""
    graph = command_graph(rulebook)
    if node not in graph:
        raise KeyError(node)
    chain = [node]
    while True:
        upward = [t for _, t, rel in graph.out_edges(chain[-1], data="relation") if rel in UPWARD]
        if not upward:
            return chain
        chain.append(upward[0])


def name_of(node: str, rulebook: Rulebook | None = None) -> Text:
    name: Text = command_graph(rulebook).nodes[node]["name"]
    return name
