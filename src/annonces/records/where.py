"""Where an amount sits (its sentence, its line, the names around it): what every recipient rule reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from ..extractors.context import section_at
from ..segmentation.lines import line_separator
from ..types import Amount, Mention
from .context import Context

#: recipients and the name of the rule that found them
Pick = tuple[list[Mention], str]


@dataclass
class Where:
    """Where amount ``a`` sits (its sentence, its line), with the names around it, read once."""

    ctx: Context
    a: Amount
    used_main: Mention | None
    s0: int = field(init=False)
    s1: int = field(init=False)
    line_start: int = field(init=False)

    def __post_init__(self) -> None:
        self.s0, self.s1 = self.ctx.sent.at(self.a.start)
        self.line_start = self.ctx.u.rfind("\n", 0, self.a.start) + 1

    @cached_property
    def colon(self) -> int:
        """The ``:`` (or dash) that ends a name at the head of the amount's line, else -1."""
        return line_separator(self.ctx.u, self.line_start, self.a.start)

    @cached_property
    def before(self) -> list[Mention]:
        """Non-funder names of the sentence before the amount."""
        return [o for o in self.ctx.orgs_in(self.s0, self.a.start) if not self.ctx.is_funder(o)]

    @cached_property
    def after(self) -> list[Mention]:
        """Non-funder names of the sentence after the amount."""
        return [o for o in self.ctx.orgs_in(self.a.end, self.s1) if not self.ctx.is_funder(o)]

    @cached_property
    def in_list_item(self) -> bool:
        item = section_at(self.ctx.sections, self.a.start)
        return item is not None and item.label == "list_item"
