"""The command palette (Ctrl+P): every console action, every panel, a replay and a drill of every shipped
scenario script, and every playbook, searchable in both languages."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, cast

from firedrill.tui.bindings import ACTIONS, key_display
from firedrill.tui.palette import Command, ListedCommands
from firedrill.tui.words import w

if TYPE_CHECKING:
    from firedrill.tui.screens.main import MainScreen


class ConsoleCommands(ListedCommands):
    """Actions (with their keys) and 'open playbook …' for each playbook of the library."""

    def _main(self) -> MainScreen | None:
        from firedrill.tui.screens.display import ConsoleDisplay

        screen = self.screen  # the main screen is the one screen showing incidents (ConsoleDisplay)
        return cast("MainScreen", screen) if isinstance(screen, ConsoleDisplay) else None

    def _commands(self) -> list[Command]:
        main = self._main()
        if main is None:
            return []
        lang = main.lang
        found: list[Command] = []
        for action in ACTIONS:
            title = f"{w(action.label, lang)} ({key_display(action.key)})"
            found.append((title, w(action.label, "en" if lang == "zh" else "zh"),
                          partial(main.run_action, action.action)))  # fmt: skip
        found.append((w("cmd_exercise", lang), w("cmd_exercise", "en" if lang == "zh" else "zh") + " exercise 演练",
                      main.ask_exercise_start))  # fmt: skip
        if main.active is not None and not main.active.closed:
            found.append((w("cmd_close", lang), w("cmd_close", "en" if lang == "zh" else "zh") + " close 结束",
                          main.action_close_active))  # fmt: skip
        if main.active is not None and main.active.following:
            found.append((w("cmd_take_over", lang), w("cmd_take_over", "en" if lang == "zh" else "zh"),
                          main.take_over))  # fmt: skip
        for pane in main.panel_ids():
            found.append((f"{w('cmd_panel', lang)}{w('tab_' + pane, lang)}", pane, partial(main.show_panel, pane)))
        from firedrill.tui.scenarios import shipped_scenarios

        other_lang = "en" if lang == "zh" else "zh"
        for scenario in shipped_scenarios():  # none in an installed wheel: Ctrl+R then says so
            title, other = scenario.title(lang), f"{scenario.title(other_lang)} {scenario.path.stem}"
            found.append((f"{w('cmd_replay', lang)}{title}", other, partial(main.start_replay, scenario.path)))
            found.append((f"{w('cmd_drill', lang)}{title}", other, partial(main.start_drill, scenario.path)))
        for playbook in main.playbooks():
            title = f"{w('cmd_playbook', lang)}{playbook.name.in_lang(lang)}"
            other = " ".join([playbook.name.en if lang == "zh" else playbook.name.zh, *playbook.aliases.zh,
                              *playbook.aliases.en])  # fmt: skip
            found.append((title, other, partial(main.choose_scenario, playbook.id)))
        return found
