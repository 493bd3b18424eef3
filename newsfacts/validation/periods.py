"""Period codes → the months they cover, and back: now ``newsfacts.periods``, the one home
of period arithmetic (mentions, facts and validation alike); named here for the validation
modules that import them from here."""

from newsfacts.periods import canonical, month_code, month_index, months_of, previous, shift

__all__ = ["canonical", "month_code", "month_index", "months_of", "previous", "shift"]
