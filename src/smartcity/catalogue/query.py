"""The Solr-like query language CKAN clients send in ``q`` and ``fq``, parsed by a small recursive-descent
parser into a tree, then into Django ``Q`` objects by ``search.py``.

    query   := or_expr
    or_expr := and_expr ("OR" and_expr)*
    and_expr:= unary (["AND"] unary)*          juxtaposition means AND, as CKAN's fq clauses are used
    unary   := ("NOT" | "-" | "!") unary | "+" unary | primary
    primary := "(" query ")" | FIELD ":" value | term
    value   := WORD | QUOTED | RANGE | "(" value ("OR"|"AND"|ε value)* ")"
    RANGE   := ("[" | "{") WORD "TO" WORD ("]" | "}")

Malformed input (unbalanced quotes, brackets or parentheses, a dangling operator) raises QuerySyntaxError.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


class QuerySyntaxError(ValueError):
    pass


@dataclass(frozen=True)
class Term:
    text: str
    quoted: bool = False


@dataclass(frozen=True)
class Field:
    name: str
    value: Term | Range | BoolOp | Not


@dataclass(frozen=True)
class Range:
    low: str
    high: str
    include_low: bool
    include_high: bool


@dataclass(frozen=True)
class BoolOp:
    op: str  # "AND" | "OR"
    items: tuple


@dataclass(frozen=True)
class Not:
    item: object


@dataclass(frozen=True)
class MatchAll:
    pass


_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<quoted>"(?:[^"\\]|\\.)*")
  | (?P<range>[\[{][^\]}]*[\]}])
  | (?P<lparen>\()
  | (?P<rparen>\))
  | (?P<word>[^\s()"\[\]{}]+)
    """,
    re.VERBOSE,
)
_FIELD = re.compile(r"^([A-Za-z_][A-Za-z0-9_.]*):(.*)$", re.DOTALL)
_MAX_LENGTH = 2000


def tokenize(text: str) -> list[tuple[str, str]]:
    if len(text) > _MAX_LENGTH:
        raise QuerySyntaxError(f"longer than {_MAX_LENGTH} characters")
    tokens, position = [], 0
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None:
            char = text[position]
            raise QuerySyntaxError("unbalanced quote" if char == '"' else f"unbalanced {char!r} at {position + 1}")
        kind = match.lastgroup or ""
        if kind != "space":
            tokens.append((kind, match.group()))
        position = match.end()
    return tokens


class _Parser:
    def __init__(self, tokens: list[tuple[str, str]]):
        self.tokens = tokens
        self.at = 0

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        token = self.peek()
        if token is None:
            raise QuerySyntaxError("unexpected end of query")
        self.at += 1
        return token

    def is_op(self, name: str) -> bool:
        token = self.peek()
        return token is not None and token == ("word", name)

    def query(self):
        items = [self.and_expr()]
        while self.is_op("OR"):
            self.take()
            items.append(self.and_expr())
        return items[0] if len(items) == 1 else BoolOp("OR", tuple(items))

    def and_expr(self):
        items = [self.unary()]
        while (token := self.peek()) is not None and token[0] != "rparen" and not self.is_op("OR"):
            if self.is_op("AND"):
                self.take()
            items.append(self.unary())
        return items[0] if len(items) == 1 else BoolOp("AND", tuple(items))

    def unary(self):
        kind, text = self.take()
        if kind == "word" and text in ("NOT", "-", "!"):
            return Not(self.unary())
        if kind == "word" and text == "+":
            return self.unary()
        if kind == "word" and text[0] in "-!+" and len(text) > 1:
            self.at -= 1
            self.tokens[self.at] = ("word", text[1:])
            inner = self.unary()
            return inner if text[0] == "+" else Not(inner)
        if kind == "lparen":
            inner = self.query()
            self.expect_rparen()
            return inner
        return self.primary(kind, text)

    def expect_rparen(self) -> None:
        if self.take()[0] != "rparen":
            raise QuerySyntaxError("unbalanced parenthesis")

    def primary(self, kind: str, text: str):
        if kind == "quoted":
            return Term(_unquote(text), quoted=True)
        if kind in ("rparen", "range"):
            raise QuerySyntaxError(f"unexpected {text!r}")
        if text in ("AND", "OR"):
            raise QuerySyntaxError(f"{text} without a term before it")
        if text == "*:*":
            return MatchAll()
        match = _FIELD.match(text)
        if not match:
            return Term(text)
        name, rest = match.groups()
        return Field(name, self.value(rest))

    def value(self, rest: str):
        if rest:
            return Term(rest)
        kind, text = self.take()
        if kind == "quoted":
            return Term(_unquote(text), quoted=True)
        if kind == "range":
            return _range(text)
        if kind == "lparen":
            inner = self.value_group()
            self.expect_rparen()
            return inner
        if kind == "word" and text not in ("AND", "OR", "NOT"):
            return Term(text)
        raise QuerySyntaxError("a field without a value")

    def value_group(self):
        items, op = [], "OR"
        while (token := self.peek()) is not None and token[0] != "rparen":
            if token in (("word", "OR"), ("word", "AND")):
                op = self.take()[1]
                continue
            if token in (("word", "NOT"), ("word", "-")):
                self.take()
                items.append(Not(self.value("")))
                continue
            items.append(self.value(""))
        if not items:
            raise QuerySyntaxError("empty parentheses")
        return items[0] if len(items) == 1 else BoolOp(op, tuple(items))


def _unquote(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text[1:-1])


def _range(text: str) -> Range:
    parts = text[1:-1].split()
    if len(parts) != 3 or parts[1] != "TO":
        raise QuerySyntaxError("a range is written [FROM TO UNTIL]")
    return Range(parts[0], parts[2], text[0] == "[", text[-1] == "]")


def parse(text: str):
    """The tree of ``text``; MatchAll for an empty query."""
    tokens = tokenize(text or "")
    if not tokens:
        return MatchAll()
    parser = _Parser(tokens)
    tree = parser.query()
    if parser.peek() is not None:
        raise QuerySyntaxError("unbalanced parenthesis")
    return tree
