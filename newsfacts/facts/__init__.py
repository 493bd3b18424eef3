"""The rule layer: mentions → TradeFact records."""
