"""Names in running text: cleaning titles and owners, resolving surnames to full names."""

from __future__ import annotations

from bot.nlp.names import NameBook, clean_name, find_names


def test_titles_owners_and_possessives_are_stripped() -> None:
    assert clean_name("Sen. Rosa Vance") == "Rosa Vance"
    assert clean_name("The Courier’s Tom Whitaker") == "Tom Whitaker"
    assert clean_name("Defence Minister Carlos Alberto Ruiz") == "Carlos Alberto Ruiz"
    assert clean_name("Vance’s") == "Vance"


def test_names_keep_initials_particles_and_acronyms_apart_from_sentence_ends() -> None:
    text = "Anna K. Berg met Ludwig van Dam in the U.S. Capitol. Then Berg left."
    names = [name for _, name in find_names(text)]
    assert "Anna K. Berg" in names
    assert "Ludwig van Dam" in names
    assert "Then" not in " ".join(names)


def test_surname_resolves_to_the_full_name_seen_in_the_article() -> None:
    book = NameBook()
    book.add_from_text("Defence Minister Luis Fernando López spoke first. Later López left.")
    assert book.resolve("López") == "Luis Fernando López"
    assert book.resolve("Mr. López") == "Luis Fernando López"
    assert book.resolve("Okafor") == "Okafor"  # never named in full: kept as written


def test_headline_runs_do_not_become_full_names() -> None:
    book = NameBook()
    book.add_from_text("Words During Her Campaign And I Smith")
    assert book.resolve("Smith") == "Smith"
