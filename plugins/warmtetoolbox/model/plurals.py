"""Dutch singular and plural in one place: "1 vraag", "2 vragen", never both at once."""

from __future__ import annotations


def count(n: int, one: str, many: str) -> str:
    """``n`` with the right form of the noun: count(1, "fout", "fouten") == "1 fout"."""
    return f"{number(n)} {one if n == 1 else many}"


def number(n: float) -> str:
    """A number as Dutch readers write it: 1.782 and 2,5 (thousands dot, decimal comma)."""
    if float(n).is_integer():
        return f"{int(n):,}".replace(",", ".")
    whole, _, fraction = f"{n:,.1f}".partition(".")
    return f"{whole.replace(',', '.')},{fraction}"
