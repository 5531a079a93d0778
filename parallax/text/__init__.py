"""Plain functions over news text: tokens and word counts, word lists, figures, dates and names."""

__all__ = ["dates", "names", "numbers", "tokens", "wordlists"]
