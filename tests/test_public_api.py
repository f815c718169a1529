"""The names newsweave exports are exactly the public members of the package (httpx's practice)."""

import newsweave


def test_all_lists_exactly_the_public_members():
    public = {name for name in dir(newsweave) if not name.startswith("_")}
    modules = {name for name in public if type(getattr(newsweave, name)).__name__ == "module"}
    assert set(newsweave.__all__) == public - modules


def test_every_exported_name_resolves():
    for name in newsweave.__all__:
        assert getattr(newsweave, name) is not None
