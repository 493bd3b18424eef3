"""spaCy components and normalisers for money, percentages, periods, places and cue words."""
