"""The README documents every CLI command and option (datasette's and sqlite-utils' practice)."""

from pathlib import Path

import click

from newsweave.cli import cli

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_readme_opens_with_the_two_commands():
    head = README[:600]
    assert "make run" in head and "make test" in head


def test_every_command_is_in_the_readme():
    missing = [name for name in cli.commands if f"newsweave {name}" not in README]
    assert not missing, f"commands missing from README: {missing}"


def test_every_option_is_in_the_readme():
    missing = []
    for name, command in cli.commands.items():
        for param in command.params:
            if isinstance(param, click.Option):
                longest = max(param.opts, key=len)
                if longest.startswith("--") and longest not in README:
                    missing.append(f"{name} {longest}")
    assert not missing, f"options missing from README: {missing}"
